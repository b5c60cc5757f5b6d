import fs from "node:fs";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { AxiosInstance } from "axios";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { SessionView } from "../../../shared/contract/auth.js";
import type { SessionInfo } from "../../../shared/wire/authn.js";
import { type AppError, isAppError } from "../../../shared/errors.js";
import { AuthClient } from "../../../electron/services/auth/auth-client.js";
import { createHttpClient, destroyHttpClient } from "../../../electron/services/http/create-http-client.js";
import { MailboxClient } from "../../../electron/services/mailbox/mailbox-client.js";
import { startSimulator } from "../../../simulator/index.js";
import { viewAt } from "../../support/authn-answers.js";

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

const demo = { userId: "demo.user", password: "Demo#2023pass" };

let dataDir: string;
let sim: Simulator;
let client: AxiosInstance;
let mailbox: MailboxClient;
const clients: AxiosInstance[] = [];

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

function newAuth(events: SessionView[] = [], http: AxiosInstance = client): AuthClient {
  return new AuthClient({ http, clock: () => new Date(), onSessionChanged: (view) => events.push(view) });
}

async function latestOtp(userId: string): Promise<string> {
  const messages = await mailbox.list(userId);
  const otp = messages.at(-1)?.otp;
  if (!otp) throw new Error(`no OTP mail for ${userId}`);
  return otp;
}

async function control(method: "POST" | "PUT", url: string, data: unknown): Promise<number> {
  const response = await client.request({
    method,
    url,
    data,
    headers: { Authorization: `Bearer ${sim.controlToken}` },
  });
  return response.status;
}

/** A token the client keeps private; read here only to prove what the server does with it. */
/** The tokens the client keeps to itself, read from its private fields. */
const privateToken = (auth: AuthClient, token: "stateToken" | "sessionToken"): string | undefined => {
  const fields = auth as unknown as { pending?: { stateToken: string }; sessionToken?: string };
  return token === "stateToken" ? fields.pending?.stateToken : fields.sessionToken;
};

interface RecordedTimer {
  ms: number;
  task: () => void;
  cancelled: boolean;
}

/** A setTimer for AuthClient that only records what it schedules, so a test can run or inspect it. */
function timerRecorder(): {
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

describe("AuthClient against the real simulator over HTTPS", () => {
  it("signs in with password and the emailed OTP, then signs out and the server forgets the session", async () => {
    const events: SessionView[] = [];
    const auth = newAuth(events);
    const first = viewAt(await auth.begin(demo), "OTP_REQUIRED");
    expect(first.maskedEmail).toMatch(/\*/);
    expect(first).not.toHaveProperty("stateToken");
    const stateToken = privateToken(auth, "stateToken");
    expect(stateToken).toBeTruthy();
    expect(JSON.stringify(first)).not.toContain(stateToken);

    const done = viewAt(await auth.verifyOtp({ otp: await latestOtp(demo.userId) }), "SUCCESS");
    expect(done.session.userId).toBe("demo.user");
    expect(done).not.toHaveProperty("sessionToken");
    const sessionToken = privateToken(auth, "sessionToken");
    expect(sessionToken).toBeTruthy();
    expect(JSON.stringify(done)).not.toContain(sessionToken);
    expect(events).toEqual([expect.objectContaining({ session: done.session, locked: false })]);

    expect((await auth.session()).session?.userId).toBe("demo.user");
    expect(await auth.signOut()).toEqual({ ok: true });
    expect(events.at(-1)).toMatchObject({ session: null, ended: { reason: "signed-out" } });
    expect(await auth.session()).toMatchObject({ session: null, locked: false });

    const after = await client.get("/sso/api/v1/session", {
      headers: { Authorization: `Bearer ${sessionToken}` },
    });
    expect(after.status).toBe(401);
  });

  it("refuses a wrong password with INVALID_CREDENTIALS and keeps no login", async () => {
    const auth = newAuth();
    const error = await rejection(auth.begin({ userId: demo.userId, password: "not-the-password" }));
    expect(error.code).toBe("INVALID_CREDENTIALS");
    expect((await rejection(auth.verifyOtp({ otp: "123456" }))).code).toBe("NO_LOGIN_IN_PROGRESS");
  });

  it("says the same for an unknown user (no enumeration)", async () => {
    const error = await rejection(newAuth().begin({ userId: "no.such.user", password: "whatever1" }));
    expect(error.code).toBe("INVALID_CREDENTIALS");
  });

  it("refuses a wrong OTP with INVALID_OTP and the tries left, and still accepts the right one", async () => {
    const auth = newAuth();
    await auth.begin(demo);
    const otp = await latestOtp(demo.userId);
    const wrong = otp === "000000" ? "111111" : "000000";
    const error = await rejection(auth.verifyOtp({ otp: wrong }));
    expect(error.code).toBe("INVALID_OTP");
    expect(error.details).toMatchObject({ attemptsRemaining: 4 });
    expect((await auth.verifyOtp({ otp })).state).toBe("SUCCESS");
    await auth.signOut();
  });

  it("holds back a resend during the cooldown", async () => {
    const auth = newAuth();
    await auth.begin(demo);
    expect((await rejection(auth.resendOtp())).code).toBe("RESEND_COOLDOWN");
    await auth.cancel();
    expect((await rejection(auth.resendOtp())).code).toBe("NO_LOGIN_IN_PROGRESS");
  });

  it("reports a login step that went stale on the server and forgets it", async () => {
    const auth = newAuth();
    await auth.begin(demo);
    const otp = await latestOtp(demo.userId);
    expect(await control("PUT", "/__sim/clock", { offsetMs: 60 * 60_000 })).toBe(200);
    const error = await rejection(auth.verifyOtp({ otp }));
    expect(["EXPIRED", "INVALID_STATE_TOKEN", "OTP_EXPIRED"]).toContain(error.code);
  });

  it("notices a session that expired on the server and announces it", async () => {
    const events: SessionView[] = [];
    const auth = newAuth(events);
    await auth.begin(demo);
    await auth.verifyOtp({ otp: await latestOtp(demo.userId) });
    expect(await control("PUT", "/__sim/clock", { offsetMs: 9 * 60 * 60_000 })).toBe(200);
    expect((await auth.session()).session).toBeNull();
    // The idle limit came first: the server says so, and the page hears it.
    expect(events.at(-1)).toMatchObject({ session: null, ended: { reason: "idle", limitMinutes: 15 } });
    expect(auth.signedIn).toBe(false);
  });

  it("locks an account after repeated wrong passwords", async () => {
    expect(
      await control("POST", "/__sim/users", {
        userId: "lock.me",
        password: "Right#Pass2023",
        email: "lock.me@cp001.example.com",
        role: "user",
        participant: "CP001",
        clearingHouse: "HKSCC",
      }),
    ).toBe(201);
    const auth = newAuth();
    let last: unknown;
    for (let attempt = 0; attempt < 6; attempt += 1) {
      last = await auth
        .begin({ userId: "lock.me", password: "Wrong#Pass2023" })
        .catch((error: unknown) => error);
    }
    const view = last as { state?: string; code?: string };
    expect(view.state ?? view.code).toBe("LOCKED_OUT");
    const locked = await auth
      .begin({ userId: "lock.me", password: "Right#Pass2023" })
      .catch((error: unknown) => error);
    expect((locked as { state?: string; code?: string }).state ?? (locked as AppError).code).toBe(
      "LOCKED_OUT",
    );
  });

  it("refuses a server whose CA it was not given: TLS_UNTRUSTED", async () => {
    const untrusting = createHttpClient({ baseURL: sim.url });
    clients.push(untrusting);
    expect((await rejection(newAuth([], untrusting).begin(demo))).code).toBe("TLS_UNTRUSTED");
  });

  it("reports a closed port as SERVER_UNREACHABLE", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const closed = createHttpClient({ baseURL: `https://127.0.0.1:${port}` });
    clients.push(closed);
    expect((await rejection(newAuth([], closed).begin(demo))).code).toBe("SERVER_UNREACHABLE");
  });
});

describe("AuthClient against a scripted server", () => {
  let server: http.Server;
  let base: string;
  let answer: { status: number; body: string } = { status: 200, body: "{}" };
  let requests = 0;

  beforeAll(async () => {
    server = http.createServer((_request, response) => {
      requests += 1;
      response.writeHead(answer.status, { "Content-Type": "application/json" }).end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    [{ status: 200, body: JSON.stringify({ weird: true }) }, "PROTOCOL_ERROR"],
    [{ status: 200, body: "<html>login</html>" }, "PROTOCOL_ERROR"],
    // Each state carries exactly its fields: a success without a session, an OTP step without its code's figures.
    [
      { status: 200, body: JSON.stringify({ state: "SUCCESS", sessionToken: "s".repeat(43) }) },
      "PROTOCOL_ERROR",
    ],
    [
      { status: 200, body: JSON.stringify({ state: "SUCCESS", session: sessionOf("demo.user") }) },
      "PROTOCOL_ERROR",
    ],
    [{ status: 200, body: JSON.stringify({ ...otpStep(), maskedEmail: undefined }) }, "PROTOCOL_ERROR"],
    [{ status: 502, body: "Bad gateway" }, "SERVER_ERROR"],
    [
      { status: 418, body: JSON.stringify({ error: { code: "LOCKED_OUT", message: "Locked." } }) },
      "LOCKED_OUT",
    ],
  ])("answer %j → %s", async (given, code) => {
    answer = given;
    const plain = createHttpClient({ baseURL: base });
    clients.push(plain);
    const auth = newAuth([], plain);
    expect((await rejection(auth.begin(demo))).code).toBe(code);
    expect(auth.signedIn).toBe(false);
  });

  it("stops asking for the session's status on a server that has no such route", async () => {
    answer = {
      status: 200,
      body: JSON.stringify({
        state: "SUCCESS",
        session: sessionOf("demo.user"),
        sessionToken: "s".repeat(43),
      }),
    };
    const plain = createHttpClient({ baseURL: base });
    clients.push(plain);
    const { timers, setTimer } = timerRecorder();
    const auth = new AuthClient({ http: plain, clock: () => new Date(), setTimer });
    await auth.begin(demo);
    expect(timers).toHaveLength(1);
    answer = {
      status: 404,
      body: JSON.stringify({ error: { code: "NOT_FOUND", message: "No such route." } }),
    };
    const before = requests;
    timers[0]?.task();
    await expect.poll(() => requests).toBe(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // Not asked again, and the session stands: the server's other answers will say when it ends.
    expect(timers).toHaveLength(1);
    expect(auth.signedIn).toBe(true);
  });

  it("refuses a request its step does not accept before anything is sent, and sends one it does", async () => {
    answer = { status: 200, body: JSON.stringify(otpStep()) };
    const plain = createHttpClient({ baseURL: base });
    clients.push(plain);
    const auth = newAuth([], plain);
    expect((await auth.begin(demo)).state).toBe("OTP_REQUIRED");
    const sent = requests;
    const refused = await rejection(auth.changePassword({ newPassword: "Another#Pass2023" }));
    expect(refused).toMatchObject({ code: "WRONG_STATE", details: { state: "OTP_REQUIRED" } });
    expect(requests).toBe(sent);
    answer = {
      status: 200,
      body: JSON.stringify({
        state: "SUCCESS",
        session: sessionOf("demo.user"),
        sessionToken: "s".repeat(43),
      }),
    };
    expect((await auth.verifyOtp({ otp: "123456" })).state).toBe("SUCCESS");
    expect(requests).toBe(sent + 1);
    // Signed in, the login is over: no step accepts a request any more.
    expect((await rejection(auth.resendOtp())).code).toBe("NO_LOGIN_IN_PROGRESS");
    expect(requests).toBe(sent + 1);
  });
});

/** A well-formed OTP_REQUIRED answer, as a server of the protocol sends it. */
function otpStep() {
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

function sessionOf(userId: string) {
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

/** Signs demo.user in with a client whose timers are recorded; `watch` is the status watch set at sign-in. */
async function signInWatched(): Promise<{
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
  const done = viewAt(await auth.verifyOtp({ otp: await latestOtp(demo.userId) }), "SUCCESS");
  const watch = timers.at(-1);
  if (!watch) throw new Error("no status watch after sign-in");
  return { auth, events, watch, timers, session: done.session };
}

describe("AuthClient: hearing of a session's end without being asked", () => {
  it("asks the session's status every few seconds, without extending it, and announces its end with the reason", async () => {
    const { auth, events, watch, timers, session } = await signInWatched();
    expect(watch.ms).toBe(5_000);

    // Ten minutes on, the status asked leaves the idle expiry where it was.
    expect(await control("PUT", "/__sim/clock", { offsetMs: 10 * 60_000 })).toBe(200);
    watch.task();
    await expect.poll(() => events.length).toBe(2);
    expect(events.at(-1)?.session?.idleExpiresAt).toBe(session.idleExpiresAt);

    expect(await control("PUT", "/__sim/clock", { offsetMs: 16 * 60_000 })).toBe(200);
    await expect.poll(() => timers.length).toBeGreaterThan(1);
    timers.at(-1)?.task();
    await expect.poll(() => events.at(-1)).toMatchObject({ session: null, ended: { reason: "idle" } });
    expect(auth.signedIn).toBe(false);
  });

  it("announces a session revoked elsewhere with its reason", async () => {
    const { auth, events, watch } = await signInWatched();
    expect(await control("POST", "/__sim/users/demo.user/sessions/end", {})).toBe(200);
    watch.task();
    await expect
      .poll(() => events.at(-1))
      .toMatchObject({
        session: null,
        locked: false,
        ended: { reason: "signed-out-elsewhere" },
      });
    expect(auth.signedIn).toBe(false);
  });

  it("announces the later expiry when calls made as the user kept the session alive", async () => {
    const { auth, events, watch, session } = await signInWatched();
    const firstExpiry = Date.parse(session.idleExpiresAt);

    // Ten minutes on, a call made with the session (as the DA's functions are) extends its idle window.
    expect(await control("PUT", "/__sim/clock", { offsetMs: 10 * 60_000 })).toBe(200);
    await auth.sessionRequest(
      { method: "GET", url: "/sso/api/v1/session" },
      z.object({ session: z.unknown() }),
    );
    // Past the first expiry, the watch set at sign-in fires: the session is alive, with a later expiry.
    expect(await control("PUT", "/__sim/clock", { offsetMs: 20 * 60_000 })).toBe(200);
    watch.task();
    await expect.poll(() => events.length).toBe(2);
    const later = events.at(-1)?.session;
    expect(later?.userId).toBe(demo.userId);
    expect(Date.parse(later?.idleExpiresAt ?? "")).toBeGreaterThan(firstExpiry + 9 * 60_000);
    expect(auth.signedIn).toBe(true);
    await auth.signOut();
  });

  it("an answer about the session that arrives after sign-out does not bring the session back", async () => {
    const http = createHttpClient({ baseURL: sim.url, caPem: fs.readFileSync(sim.caFile, "utf8") });
    clients.push(http);
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let holdSessionAnswers = false;
    // Holds the server's real answer to GET /session on its way back, so sign-out can overtake it.
    http.interceptors.response.use(async (response) => {
      if (holdSessionAnswers && response.config.method === "get") await held;
      return response;
    });
    const { timers, setTimer } = timerRecorder();
    const auth = new AuthClient({ http, clock: () => new Date(), setTimer });
    await auth.begin(demo);
    await auth.verifyOtp({ otp: await latestOtp(demo.userId) });

    holdSessionAnswers = true;
    const late = auth.session();
    await auth.signOut();
    release();
    expect(await late).toMatchObject({ session: null, locked: false });
    expect(auth.signedIn).toBe(false);
    expect(timers.filter((timer) => !timer.cancelled)).toEqual([]);
  });

  it("stops watching after sign-out", async () => {
    const { timers, setTimer } = timerRecorder();
    const auth = new AuthClient({ http: client, clock: () => new Date(), setTimer });
    await auth.begin(demo);
    await auth.verifyOtp({ otp: await latestOtp(demo.userId) });
    await auth.signOut();
    expect(timers.length).toBeGreaterThan(0);
    expect(timers.every((timer) => timer.cancelled)).toBe(true);
  });

  it("trusts the server's clock, not the local one, when the simulator's clock is years away", async () => {
    expect(await control("PUT", "/__sim/clock", { now: "2023-06-15T10:00:00+08:00" })).toBe(200);
    const events: SessionView[] = [];
    const auth = newAuth(events);
    // Parallel run: a smartcard holder from before launch chooses the factor.
    const choice = await auth.begin(demo);
    expect(choice).toMatchObject({ state: "METHOD_CHOICE", phase: "parallel-run" });
    expect((await auth.chooseFactor({ factor: "otp" })).state).toBe("OTP_REQUIRED");
    await auth.verifyOtp({ otp: await latestOtp(demo.userId) });
    expect((await auth.session()).session?.userId).toBe("demo.user");
    expect(events).toHaveLength(1);
    await auth.signOut();
  });
});
