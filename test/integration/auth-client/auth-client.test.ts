import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionView } from "../../../shared/contract/auth.js";
import type { AppError } from "../../../shared/errors.js";
import { AuthClient } from "../../../electron/services/auth/auth-client.js";
import { createHttpClient } from "../../../electron/services/http/create-http-client.js";
import { viewAt } from "../../support/authn-answers.js";
import {
  demo,
  otpStep,
  privateToken,
  rejection,
  sessionOf,
  timerRecorder,
  useSimulator,
} from "./auth-harness.js";

/** The sign-in's steps, against the real simulator and against a scripted server. */
const { sim, client, track, newAuth, latestOtp, control } = useSimulator();

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

    const after = await client().get("/sso/api/v1/session", {
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
    const untrusting = createHttpClient({ baseURL: sim().url });
    track(untrusting);
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
    track(closed);
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
    track(plain);
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
    track(plain);
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
    track(plain);
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
