import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { SessionView } from "../../../shared/contract/auth.js";
import { AuthClient } from "../../../electron/services/auth/auth-client.js";
import { createHttpClient } from "../../../electron/services/http/create-http-client.js";
import { demo, timerRecorder, useSimulator } from "./auth-harness.js";

/** Keeping the session once signed in: the status watch, and what it hears without being asked. */
const { sim, client, track, newAuth, latestOtp, control, signInWatched } = useSimulator();

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
    const http = createHttpClient({ baseURL: sim().url, caPem: fs.readFileSync(sim().caFile, "utf8") });
    track(http);
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
    const auth = new AuthClient({ http: client(), clock: () => new Date(), setTimer });
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
