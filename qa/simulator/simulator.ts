import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { normalizeUserId } from "../../shared/user-id.js";
import { ControlClient } from "../control/control-client.js";
import { SimulatorApi } from "../control/simulator-api.js";
import { nodeArgsFor, packageRoot, shippedScenario } from "../processes/package-files.js";
import { startProgram, type RunningProgram } from "../processes/program.js";
import {
  type AuditEvent,
  type ClockStatus,
  type CreatedUser,
  type EndedSessions,
  type Faults,
  type IssuedCard,
  type MailMessage,
  type NewUser,
  type Phase,
  type PhaseStatus,
  type Recipient,
  type Schedule,
  type SessionRevocationReason,
  type SimStatus,
  type SimUser,
} from "../types.js";
import { describeMailbox, recipientName } from "./mailbox-text.js";

export interface SimulatorLaunchOptions {
  /**
   * Users, clock, phase and faults to load at start and after each reset: the name of a scenario
   * shipped with the simulator (`launch-day-parallel-run`, …), a JSON file's path, or the scenario itself.
   */
  scenario?: string | Record<string, unknown> | undefined;
  /** The migration schedule, or a JSON file's path (default: the HKCC circular's dates). */
  schedule?: Schedule | string | undefined;
  /** Makes the OTP sequence reproducible (default 1). */
  seed?: number | undefined;
  /** Minutes without activity after which the server ends a session (default 15). */
  sessionIdleMinutes?: number | undefined;
  /** Minutes after sign-in at which the server ends a session whatever happens (default 480). */
  sessionAbsoluteMinutes?: number | undefined;
  /** How long to wait for the simulator to listen (default 30 s). */
  timeoutMs?: number | undefined;
}

export interface WaitForOtpOptions {
  /** Default 10 s. */
  timeoutMs?: number;
}

const readyLine = /^CCMS 2FA simulator listening on (https:\/\/\S+)$/;

/**
 * A standalone simulator of the kit's own: its process (fast hash profile, a fixed seed), its data
 * folder, and the control API as methods.
 */
export class Simulator {
  /** The raw control API, every route typed. */
  readonly api: SimulatorApi;
  private readonly seen = new Map<string, number>();
  private created = 0;
  private cards = 0;

  private constructor(
    /** `https://127.0.0.1:<port>` */
    readonly url: string,
    /** The simulator's CA certificate (PEM): trust it to reach `url`. */
    readonly caFile: string,
    /** Bearer token of the control API under `/__sim/`. */
    readonly controlToken: string,
    /** The simulator's data folder (SQLite database, CA). */
    readonly dataDir: string,
    private readonly workDir: string,
    private readonly program: RunningProgram,
  ) {
    this.api = new SimulatorApi(new ControlClient({ url, caFile, token: controlToken }));
  }

  /** Starts a simulator on a free port of 127.0.0.1 with a fresh data folder; `stop()` ends it and removes the folder. */
  static async launch(options: SimulatorLaunchOptions = {}): Promise<Simulator> {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-qa-sim-"));
    try {
      const dataDir = path.join(workDir, "data");
      const token = randomBytes(24).toString("base64url");
      const args = [
        ...nodeArgsFor("simulator"),
        "--port=0",
        `--data=${dataDir}`,
        "--hash-profile=fast",
        `--seed=${options.seed ?? 1}`,
      ];
      if (options.scenario !== undefined)
        args.push(`--scenario=${inputFile(workDir, "scenario", options.scenario)}`);
      if (options.schedule !== undefined)
        args.push(`--schedule=${inputFile(workDir, "schedule", options.schedule)}`);
      if (options.sessionIdleMinutes !== undefined)
        args.push(`--session-idle-minutes=${options.sessionIdleMinutes}`);
      if (options.sessionAbsoluteMinutes !== undefined)
        args.push(`--session-absolute-minutes=${options.sessionAbsoluteMinutes}`);
      const program = await startProgram({
        name: "The CCMS simulator",
        args,
        cwd: packageRoot,
        // The control token in the environment, never on the command line: the process list shows that to everyone.
        env: { CCMS_SIM_CONTROL_TOKEN: token },
        readyLine,
        timeoutMs: options.timeoutMs ?? 30_000,
      });
      const url = program.ready[1] ?? "";
      return new Simulator(url, path.join(dataDir, "ca", "ca-cert.pem"), token, dataDir, workDir, program);
    } catch (error) {
      fs.rmSync(workDir, { recursive: true, force: true });
      throw error;
    }
  }

  /**
   * Creates a user; what is not given gets a unique user ID, a password meeting the policy, an email
   * address of its own, participant CP001 (HKSCC) and the role `user`.
   */
  async createUser(partial: Partial<NewUser> = {}): Promise<CreatedUser> {
    const n = ++this.created;
    const userId = partial.userId ?? `qa.u${n}.${randomBytes(3).toString("hex")}`;
    const user: NewUser = {
      userId,
      password: `Qa#${randomBytes(6).toString("hex")}x`,
      email: `${userId.toLowerCase()}@cp001.example.com`,
      role: "user",
      participant: "CP001",
      clearingHouse: "HKSCC",
      displayName: `QA user ${n}`,
      ...partial,
    };
    const created = await this.api.createUser(user);
    return { ...created, password: user.password };
  }

  user(userId: string): Promise<SimUser> {
    return this.api.user(userId);
  }

  users(): Promise<SimUser[]> {
    return this.api.listUsers();
  }

  /** Every message of a mailbox, oldest first (OTP codes included: never print them). */
  mailbox(recipient: Recipient): Promise<MailMessage[]> {
    return this.api.mailbox(recipient);
  }

  /**
   * The next one-time password mailed to the user (or address): the newest code that arrived after the
   * last one this method returned for them. Waits for it; the timeout's error names the user and what
   * their mailbox held.
   */
  async waitForOtp(recipient: Recipient, options: WaitForOtpOptions = {}): Promise<string> {
    const timeoutMs = options.timeoutMs ?? 10_000;
    const key =
      "userId" in recipient
        ? `user:${normalizeUserId(recipient.userId)}`
        : `to:${recipient.email.toLowerCase()}`;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const messages = await this.api.mailbox(recipient);
      const seen = Math.min(this.seen.get(key) ?? 0, messages.length);
      const fresh = messages.slice(seen).filter((message) => message.otp !== null);
      const newest = fresh.at(-1);
      if (newest?.otp) {
        this.seen.set(key, messages.length);
        return newest.otp;
      }
      if (Date.now() >= deadline) {
        throw new Error(
          `No new one-time password reached ${recipientName(recipient)} within ${timeoutMs} ms. ` +
            describeMailbox(messages, seen),
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  status(): Promise<SimStatus> {
    return this.api.status();
  }

  /** Pins a phase, or with null follows the clock and the schedule again. */
  setPhase(phase: Phase | null): Promise<PhaseStatus> {
    return this.api.setPhase(phase);
  }

  /** Jumps the simulated clock to an ISO time (it then runs on), or with null back to real time. */
  setClock(now: string | null): Promise<ClockStatus> {
    return this.api.setClock(now);
  }

  /** Replaces the faults in force: a field left out means no such fault; `{}` clears them all. */
  setFaults(faults: Partial<Faults>): Promise<Faults> {
    return this.api.setFaults(faults);
  }

  /** Issues a smartcard for the user and writes its card file (for the Simulated reader or a virtual PC/SC card). */
  async issueCard(request: {
    userId: string;
    pin: string;
    notBefore?: string;
    notAfter?: string;
  }): Promise<IssuedCard> {
    const card = await this.api.issueCard(request);
    const dir = path.join(this.workDir, "cards");
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${normalizeUserId(request.userId)}-${++this.cards}.json`);
    fs.writeFileSync(file, `${JSON.stringify(card, null, 2)}\n`, { mode: 0o600 });
    return { file, userId: String(card["userId"]), card };
  }

  unlock(userId: string): Promise<SimUser> {
    return this.api.unlock(userId);
  }

  /**
   * Ends every live session of the user, as a sign-out elsewhere (default) or another reason would: the
   * app returns to sign-in and says why.
   */
  endSessions(userId: string, reason?: SessionRevocationReason): Promise<EndedSessions> {
    return this.api.endSessions(userId, reason);
  }

  /** The audit log, oldest first, optionally one user's or one event's. */
  audit(query: { userId?: string; event?: string; limit?: number } = {}): Promise<AuditEvent[]> {
    return this.api.audit(query);
  }

  /** Back to the seeded users, real time, no pinned phase or faults, empty mailboxes (the scenario again, if any). */
  async reset(): Promise<SimStatus> {
    const status = await this.api.reset();
    this.seen.clear();
    return status;
  }

  /** Everything the simulator printed (never passwords, codes or tokens). */
  output(): string {
    return this.program.output();
  }

  async stop(): Promise<void> {
    this.api.client.close();
    await this.program.stop();
    fs.rmSync(this.workDir, { recursive: true, force: true });
  }
}

/** A scenario or schedule as the simulator's flag takes it: a shipped scenario's file, the caller's file, or a file written here. */
function inputFile(workDir: string, what: "scenario" | "schedule", value: string | object): string {
  if (typeof value === "string") {
    const shipped = what === "scenario" ? shippedScenario(value) : undefined;
    return shipped ?? path.resolve(value);
  }
  const file = path.join(workDir, `${what}.json`);
  fs.writeFileSync(file, JSON.stringify(value));
  return file;
}
