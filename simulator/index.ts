import crypto from "node:crypto";
import path from "node:path";
import { type FastifyInstance } from "fastify";
import { type Schedule } from "../shared/wire/control.js";
import { issueServerCertificate, loadOrCreateCa, loadOrCreateSharedCa } from "./ca/index.js";
import { SimClock } from "./clock.js";
import { defaultSchedule, resolveConfig, type SimulatorConfig } from "./config.js";
import { type SimulatorContext } from "./context.js";
import { ControlState } from "./control-state.js";
import { RandomOtpSource, SeededOtpSource } from "./crypto/otp.js";
import { type HashProfile, PasswordHasher } from "./crypto/password-hasher.js";
import { Mailer } from "./mail/mailer.js";
import { inAppTransport, type MailTransport } from "./mail/transport.js";
import { PhaseService } from "./phase.js";
import { AuthnAudit } from "./features/authn/authn-audit.js";
import { AuthnService } from "./features/authn/authn-service.js";
import { DaEmailService } from "./features/da-email/da-email-service.js";
import { settlingUsers } from "./features/da-email/settling-users.js";
import { OtpIssuer } from "./features/authn/otp-issuer.js";
import { FaultState } from "./features/faults/fault-state.js";
import { SessionService } from "./features/session/session-service.js";
import { UserService } from "./features/users/user-service.js";
import { installScenario, type ScenarioSummary } from "./scenarios/apply-scenario.js";
import { resetSimulator } from "./reset-simulator.js";
import { type Scenario } from "./scenarios/scenario-schema.js";
import { buildServer } from "./server.js";
import { AuditLog } from "./store/audit-log.js";
import { openStorage } from "./store/open-storage.js";
import { type DatabaseOptions } from "./store/postgres/database-options.js";

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
  /** A PostgreSQL database shared with other instances; absent: SQLite in the data folder. */
  database?: DatabaseOptions;
}

export interface RunningSimulator {
  /** https://127.0.0.1:<port> */
  url: string;
  /** Which database it keeps its state in. */
  storage: "sqlite" | "postgres";
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
  const storage = await openStorage(dataDir, options.database);
  let app: FastifyInstance | undefined;
  try {
    const control = await ControlState.open(storage.control);
    const clock = new SimClock(control, options.now);
    const nowMs = () => clock.nowMs();
    const phases = new PhaseService(options.schedule ?? defaultSchedule, clock, control);
    const ca =
      storage.kind === "postgres"
        ? await loadOrCreateSharedCa(storage.meta, dataDir)
        : await loadOrCreateCa(dataDir);
    const tls = await issueServerCertificate(ca, options.hostnames ?? []);
    // Given: this instance's, and the database's from now on. Not given: the database's, made by the first.
    const controlToken = await control.claimToken(
      options.controlToken ?? crypto.randomBytes(24).toString("base64url"),
      options.controlToken !== undefined,
    );
    const hasher = new PasswordHasher(options.hashProfile ?? "production");
    const { lockouts, outbox, logins } = storage;
    const audit = new AuditLog(storage.audit, nowMs, () => clock.realMs());
    const mailer = new Mailer(outbox, options.mailTransport ?? inAppTransport, nowMs);
    const daEmail = new DaEmailService({
      store: storage.daEmail,
      audit,
      transaction: (work) => storage.transaction(work),
      mailer,
      schedule: phases.schedule,
      now: nowMs,
    });
    // DAs' applications that fell due on the simulated clock are processed before anyone reads a DA.
    const users = settlingUsers(storage.users, () => daEmail.settle());
    const sessions = new SessionService(storage.sessions, users, config, nowMs);
    const otpSource = options.seed === undefined ? new RandomOtpSource() : new SeededOtpSource(options.seed);
    const authnAudit = new AuthnAudit(audit);
    const otpSecret = Buffer.from(
      await storage.meta.getOrCreate("otp-hmac-key", () => crypto.randomBytes(32).toString("base64")),
      "base64",
    );
    const otp = new OtpIssuer({
      config,
      otpSource,
      otpSecret,
      mailer,
      logins,
      audit: authnAudit,
      now: nowMs,
      realNow: () => clock.realMs(),
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
      transaction: (work) => storage.transaction(work),
    });
    const userService = new UserService(users, lockouts, hasher, nowMs);
    const faults = new FaultState(control);
    const resetSteps: Array<() => void | Promise<void>> = [];
    const ctx: SimulatorContext = {
      dataDir,
      config,
      storage,
      control,
      clock,
      faults,
      phases,
      ca,
      hasher,
      otpSource,
      users,
      userService,
      daEmail,
      lockouts,
      outbox,
      mailer,
      audit,
      sessions,
      authn,
      get controlToken() {
        return control.state.controlToken ?? controlToken;
      },
      authnRateLimit: { rateLimit: { max: config.rateLimit.max, timeWindow: config.rateLimit.timeWindowMs } },
      async reset(options = {}) {
        await resetSimulator(ctx, options);
        // What this process keeps in memory goes once the reset is committed.
        otpSource.reset();
        for (const step of resetSteps) await step();
      },
      onReset(step) {
        resetSteps.push(step);
      },
    };
    await userService.seed();
    await logins.prune(clock.nowMs() - 24 * 3600_000);

    app = await buildServer({ ctx, tls, logger: options.logger ?? false });
    const scenario =
      options.scenario === undefined ? undefined : await installScenario(ctx, options.scenario);
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
      storage: storage.kind,
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
          await storage.close();
        }
      },
    };
  } catch (error) {
    await app?.close();
    await storage.close();
    throw error;
  }
}

export { type SimulatorContext } from "./context.js";
export { type SimulatorConfig, defaultSchedule } from "./config.js";
export { type MailTransport } from "./mail/transport.js";
export { type HashProfile } from "./crypto/password-hasher.js";
export { type DatabaseOptions } from "./store/postgres/database-options.js";
