import { type FastifyRequest } from "fastify";
import { type CertificateAuthority } from "./ca/index.js";
import { type SimClock } from "./clock.js";
import { type SimulatorConfig } from "./config.js";
import { type OtpSource } from "./crypto/otp.js";
import { type PasswordHasher } from "./crypto/password-hasher.js";
import { type Mailer } from "./mail/mailer.js";
import { type ControlState } from "./control-state.js";
import { type PhaseService } from "./phase.js";
import { type ResetOptions } from "./reset-simulator.js";
import { type AuditLog } from "./store/audit-log.js";
import { type LockoutStore, type OutboxStore, type Storage, type UserStore } from "./store/storage.js";
import { type ClientInfo } from "./features/authn/authn-audit.js";
import { type AuthnService } from "./features/authn/authn-service.js";
import { type DaEmailService } from "./features/da-email/da-email-service.js";
import { type FaultState } from "./features/faults/fault-state.js";
import { type SessionService } from "./features/session/session-service.js";
import { type UserService } from "./features/users/user-service.js";

/**
 * Everything a feature plugin may use. Built once by startSimulator and handed
 * to every plugin registered by the root (see features/index.ts).
 */
export interface SimulatorContext {
  readonly dataDir: string;
  readonly config: SimulatorConfig;
  readonly storage: Storage;
  /** Clock offset, pinned phase, faults, scenario, the trainer's choices, the control token. */
  readonly control: ControlState;
  readonly clock: SimClock;
  readonly faults: FaultState;
  readonly phases: PhaseService;
  readonly ca: CertificateAuthority;
  readonly hasher: PasswordHasher;
  readonly otpSource: OtpSource;
  readonly users: UserStore;
  readonly userService: UserService;
  /** DAs' email applications, as HKEX processes them. */
  readonly daEmail: DaEmailService;
  readonly lockouts: LockoutStore;
  readonly outbox: OutboxStore;
  readonly mailer: Mailer;
  readonly audit: AuditLog;
  readonly sessions: SessionService;
  readonly authn: AuthnService;
  /** The control API's token in force (shared by every instance on a database). */
  readonly controlToken: string;
  /** Route config that applies the per-address authn rate limit: `{ config: ctx.authnRateLimit }`. */
  readonly authnRateLimit: { rateLimit: { max: number; timeWindow: number } };
  /**
   * Back to the seeded state in one commit (POST /__sim/reset, see reset-simulator); features add
   * their own reset steps with onReset, run once it is committed.
   */
  reset(options?: ResetOptions): Promise<void>;
  onReset(step: () => void | Promise<void>): void;
}

export function clientOf(request: FastifyRequest): ClientInfo {
  return { clientAddress: request.ip };
}
