import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AxiosInstance } from "axios";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { SessionView } from "../../../shared/contract/auth.js";
import type { SessionInfo } from "../../../shared/wire/authn.js";
import { AuthClient } from "../../../electron/services/auth/auth-client.js";
import { createHttpClient, destroyHttpClient } from "../../../electron/services/http/create-http-client.js";
import { MailboxClient } from "../../../electron/services/mailbox/mailbox-client.js";
import { startSimulator } from "../../../simulator/index.js";
import { viewAt } from "../../support/authn-answers.js";

export { rejection } from "../../support/async-outcomes.js";

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

export const demo = { userId: "demo.user", password: "Demo#2023pass" };

/** The tokens the client keeps to itself, read from its private fields only to prove what the server does with them. */
export const privateToken = (auth: AuthClient, token: "stateToken" | "sessionToken"): string | undefined => {
  const fields = auth as unknown as { pending?: { stateToken: string }; kept: { token?: string } };
  return token === "stateToken" ? fields.pending?.stateToken : fields.kept.token;
};

export interface RecordedTimer {
  ms: number;
  task: () => void;
  cancelled: boolean;
}

/** A setTimer for AuthClient that only records what it schedules, so a test can run or inspect it. */
export function timerRecorder(): {
  timers: RecordedTimer[];
  setTimer: (ms: number, task: () => void) => () => void;
} {
  const timers: RecordedTimer[] = [];
  const setTimer = (ms: number, task: () => void) => {
    const timer = { ms, task, cancelled: false };
    timers.push(timer);
    return () => {
      timer.cancelled = true;
    };
  };
  return { timers, setTimer };
}

/**
 * A real simulator over HTTPS for the file that calls this (started before its tests, its clock put
 * back after each, stopped after them all), and what the tests need of it.
 */
export function useSimulator() {
  let dataDir: string;
  let sim: Simulator;
  let client: AxiosInstance;
  let mailbox: MailboxClient;
  const clients: AxiosInstance[] = [];

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-authclient-"));
    sim = await startSimulator({ dataDir, hashProfile: "fast" });
    client = createHttpClient({ baseURL: sim.url, caPem: fs.readFileSync(sim.caFile, "utf8") });
    mailbox = new MailboxClient({ http: client, controlToken: sim.controlToken });
  });
  afterEach(async () => {
    await control("PUT", "/__sim/clock", {});
  });
  afterAll(async () => {
    for (const each of clients) destroyHttpClient(each);
    destroyHttpClient(client);
    await sim?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function control(method: "POST" | "PUT", url: string, data: unknown): Promise<number> {
    const response = await client.request({
      method,
      url,
      data,
      headers: { Authorization: `Bearer ${sim.controlToken}` },
    });
    return response.status;
  }

  const harness = {
    sim: () => sim,
    /** The HTTPS client trusting the simulator's CA. */
    client: () => client,
    /** Another HTTP client, destroyed after the file's tests. */
    track: (http: AxiosInstance): AxiosInstance => {
      clients.push(http);
      return http;
    },
    newAuth(events: SessionView[] = [], http: AxiosInstance = client): AuthClient {
      return new AuthClient({ http, clock: () => new Date(), onSessionChanged: (view) => events.push(view) });
    },
    async latestOtp(userId: string): Promise<string> {
      const messages = await mailbox.list(userId);
      const otp = messages.at(-1)?.otp;
      if (!otp) throw new Error(`no OTP mail for ${userId}`);
      return otp;
    },
    control,
    /** Signs demo.user in with a client whose timers are recorded; `watch` is the status watch set at sign-in. */
    async signInWatched(): Promise<{
      auth: AuthClient;
      events: SessionView[];
      watch: RecordedTimer;
      timers: RecordedTimer[];
      session: SessionInfo;
    }> {
      const events: SessionView[] = [];
      const { timers, setTimer } = timerRecorder();
      const auth = new AuthClient({
        http: client,
        clock: () => new Date(),
        onSessionChanged: (view) => events.push(view),
        setTimer,
      });
      await auth.begin(demo);
      const done = viewAt(await auth.verifyOtp({ otp: await harness.latestOtp(demo.userId) }), "SUCCESS");
      const watch = timers.at(-1);
      if (!watch) throw new Error("no status watch after sign-in");
      return { auth, events, watch, timers, session: done.session };
    },
  };
  return harness;
}

/** A well-formed OTP_REQUIRED answer, as a server of the protocol sends it. */
export function otpStep() {
  const inFive = new Date(Date.now() + 300_000).toISOString();
  return {
    state: "OTP_REQUIRED",
    stateToken: "t".repeat(43),
    expiresAt: inFive,
    userId: "demo.user",
    phase: "2fa-only",
    factors: ["otp"],
    maskedEmail: "d*******r@cp001.example.com",
    otpExpiresAt: inFive,
    resendAvailableAt: inFive,
    resendsRemaining: 5,
    attemptsRemaining: 5,
  };
}

export function sessionOf(userId: string) {
  const now = new Date().toISOString();
  return {
    userId,
    displayName: userId,
    role: "user",
    participant: "CP001",
    participantName: "Demo Securities Limited",
    clearingHouse: "HKSCC",
    authMethod: "otp",
    issuedAt: now,
    idleExpiresAt: now,
    absoluteExpiresAt: now,
  };
}
