import crypto from "node:crypto";
import path from "node:path";
import { type FastifyInstance } from "fastify";
import { type Schedule } from "../shared/wire/control.js";
import { issueServerCertificate, loadOrCreateCa } from "./ca/index.js";
import { SimClock } from "./clock.js";
import { defaultSchedule, resolveConfig, type SimulatorConfig } from "./config.js";
import { type SimulatorContext } from "./context.js";
import { RandomOtpSource, SeededOtpSource } from "./crypto/otp.js";
import { type HashProfile, PasswordHasher } from "./crypto/password-hasher.js";
import { Mailer } from "./mail/mailer.js";
import { inAppTransport, type MailTransport } from "./mail/transport.js";
import { PhaseService } from "./phase.js";
import { AuthnAudit } from "./features/authn/authn-audit.js";
import { AuthnService } from "./features/authn/authn-service.js";
import { OtpIssuer } from "./features/authn/otp-issuer.js";
import { faultsOf } from "./features/faults/index.js";
import { SessionService } from "./features/session/session-service.js";
import { UserService } from "./features/users/user-service.js";
import { installScenario, type ScenarioSummary } from "./scenarios/apply-scenario.js";
import { type Scenario } from "./scenarios/scenario-schema.js";
import { buildServer } from "./server.js";
import { AuditLog } from "./store/audit.js";
import { closeDatabase, openDatabase } from "./store/database.js";
import { LockoutStore } from "./store/lockouts.js";
import { LoginStore } from "./store/logins.js";
import { clearAll, persistentSecret } from "./store/meta.js";
import { OutboxStore } from "./store/outbox.js";
import { SessionStore } from "./store/sessions.js";
import { UserStore } from "./store/users.js";

export interface SimulatorOptions {
  dataDir: string;
  /** 0 = ephemeral (default). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Random when absent. */
  controlToken?: string;
  /** Default production. */
  hashProfile?: HashProfile;
  /** Makes the OTP sequence reproducible. */
  seed?: number;
  /** The clock source (default real time); the control API shifts it. */
  now?: () => Date;
  logger?: boolean;
  quiet?: boolean;
  /** Migration schedule (default: the HKCC circular's dates). */
  schedule?: Schedule;
  /** Extra host names or addresses for the server certificate. */
  hostnames?: string[];
  /** Timing and limit overrides. */
  config?: Partial<SimulatorConfig>;
  /** Where mail goes (default: the in-app outbox only). */
  mailTransport?: MailTransport;
  /** Users, clock/phase and faults to set at start (and again after each reset). */
  scenario?: Scenario;
}

export interface RunningSimulator {
  /** https://127.0.0.1:<port> */
  url: string;
  /** Absolute path of the CA certificate (PEM) to trust. */
  caFile: string;
  caCertPem: string;
  controlToken: string;
  dataDir: string;
  /** The services, for in-process callers (scenarios, tests). */
  context: SimulatorContext;
  /** What the start-up scenario did, when one was given. */
  scenario?: ScenarioSummary;
  close(): Promise<void>;
}

export async function startSimulator(options: SimulatorOptions): Promise<RunningSimulator> {
  const dataDir = path.resolve(options.dataDir);
  const config = resolveConfig(options.config);
  const clock = new SimClock(options.now);
  const nowMs = () => clock.nowMs();
  const phases = new PhaseService(options.schedule ?? defaultSchedule, clock);
  const ca = await loadOrCreateCa(dataDir);
  const tls = await issueServerCertificate(ca, options.hostnames ?? []);
  const db = openDatabase(dataDir);
  let app: FastifyInstance | undefined;
  try {
    const hasher = new PasswordHasher(options.hashProfile ?? "production");
    const users = new UserStore(db);
    const lockouts = new LockoutStore(db);
    const outbox = new OutboxStore(db);
    const audit = new AuditLog(db, nowMs, () => clock.realMs());
    const mailer = new Mailer(outbox, options.mailTransport ?? inAppTransport, nowMs);
    const sessions = new SessionService(new SessionStore(db), users, config, nowMs);
    const otpSource = options.seed === undefined ? new RandomOtpSource() : new SeededOtpSource(options.seed);
    const logins = new LoginStore(db);
    const authnAudit = new AuthnAudit(audit);
    const otp = new OtpIssuer({
      config,
      otpSource,
      otpSecret: persistentSecret(db, "otp-hmac-key"),
      mailer,
      logins,
      audit: authnAudit,
      now: nowMs,
    });
    const authn = new AuthnService({
      config,
      clock,
      phases,
      users,
      lockouts,
      logins,
      sessions,
      hasher,
      otp,
      audit: authnAudit,
    });
    const userService = new UserService(users, lockouts, hasher, nowMs);
    const resetSteps: Array<() => void | Promise<void>> = [];
    const ctx: SimulatorContext = {
      dataDir,
      config,
      db,
      clock,
      phases,
      ca,
      hasher,
      otpSource,
      users,
      userService,
      lockouts,
      outbox,
      mailer,
      audit,
      sessions,
      authn,
      controlToken: options.controlToken ?? crypto.randomBytes(24).toString("base64url"),
      authnRateLimit: { rateLimit: { max: config.rateLimit.max, timeWindow: config.rateLimit.timeWindowMs } },
      async reset(options = {}) {
        clearAll(db, options);
        clock.reset();
        phases.pin(null);
        otpSource.reset();
        await userService.seed();
        for (const step of resetSteps) await step();
      },
      onReset(step) {
        resetSteps.push(step);
      },
    };
    await userService.seed();
    logins.prune(clock.nowMs() - 24 * 3600_000);

    app = await buildServer({ ctx, tls, logger: options.logger ?? false });
    const scenario =
      options.scenario === undefined
        ? undefined
        : await installScenario(ctx, faultsOf(ctx), options.scenario);
    await app.listen({ port: options.port ?? 0, host: options.host ?? "127.0.0.1" });
    const address = app.server.address();
    const port = typeof address === "object" && address !== null ? address.port : (options.port ?? 0);
    const host = options.host ?? "127.0.0.1";
    const urlHost =
      host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
    const running = app;
    let closed = false;
    return {
      url: `https://${urlHost}:${port}`,
      caFile: ca.certFile,
      caCertPem: ca.certPem,
      controlToken: ctx.controlToken,
      dataDir,
      context: ctx,
      ...(scenario === undefined ? {} : { scenario }),
      async close() {
        if (closed) return;
        closed = true;
        try {
          await running.close();
        } finally {
          await ctx.mailer.transport.close?.();
          closeDatabase(db);
        }
      },
    };
  } catch (error) {
    await app?.close();
    closeDatabase(db);
    throw error;
  }
}

export { type SimulatorContext } from "./context.js";
export { type SimulatorConfig, defaultSchedule } from "./config.js";
export { type MailTransport } from "./mail/transport.js";
export { type HashProfile } from "./crypto/password-hasher.js";
