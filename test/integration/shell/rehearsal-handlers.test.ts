import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import axios, { type AxiosInstance } from "axios";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Envelope } from "../../../shared/contract/api.js";
import type { PracticeCardInfo } from "../../../shared/contract/practice-card.js";
import type { PracticeItem, PracticeView } from "../../../shared/contract/practice.js";
import type { RehearsalView } from "../../../shared/contract/rehearsal.js";
import type { SmartcardStatus } from "../../../shared/contract/smartcard.js";
import { auditResponseSchema, type SimStatus } from "../../../shared/wire/control.js";
import type { RehearsalState } from "../../../shared/wire/rehearsal.js";
import type { Services } from "../../../electron/host/create-services.js";
import { startServices } from "../../support/host-services.js";
import { SIMULATED_READER_NAME } from "../../../simulator/smartcard/simulated-reader.js";
import { demoPassword } from "../simulator/sim-harness.js";

const dirs: string[] = [];
const tempDir = (label: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ccms-${label}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

const failure = (envelope: Envelope) => (envelope.ok ? null : envelope.error);
const value = <T>(envelope: Envelope): T => {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
};

/** Looks behind the app, over HTTPS like any QA tool, at the simulator it is connected to. */
function controlOf(services: Services): AxiosInstance {
  const connection = services.context.connection();
  return axios.create({
    baseURL: connection.url,
    httpsAgent: new https.Agent({ ca: connection.caPem ?? undefined }),
    headers: { authorization: `Bearer ${connection.controlToken}` },
    validateStatus: () => true,
    proxy: false,
  });
}

describe("the rehearsal and practice methods with the built-in simulator", () => {
  let services: Services;
  let control: AxiosInstance;
  const call = <T>(method: string, input: unknown = {}) => services.dispatch(method, input).then(value<T>);
  const simStatus = async () => (await call<{ status: SimStatus }>("app.simStatus")).status;
  const checklist = () => call<PracticeView>("practice.checklist");
  const item = async (id: PracticeItem["id"]) => {
    const view = await checklist();
    if (!view.available) throw new Error(`no checklist: ${view.reason}`);
    const found = view.items.find((i) => i.id === id);
    if (!found) throw new Error(`no item ${id}`);
    return found;
  };
  const latestOtp = async () => {
    const { messages } = await call<{ messages: Array<{ otp: string | null }> }>("mailbox.list");
    const otp = messages.at(-1)?.otp;
    if (!otp) throw new Error("no code mailed");
    return otp;
  };
  const signInWithOtp = async (userId: string) => {
    const first = await call<{ state: string }>("auth.begin", { userId, password: demoPassword });
    if (first.state === "METHOD_CHOICE") await call("auth.chooseFactor", { factor: "otp" });
    return call<{ state: string }>("auth.verifyOtp", { otp: await latestOtp() });
  };

  beforeAll(async () => {
    services = await startServices({
      dataDir: tempDir("host-rehearsal"),
      shell: "web",
      version: "0.0.0-test",
      simulatorHashProfile: "fast",
    });
    control = controlOf(services);
  });
  afterAll(async () => services?.close());

  it("has control of the built-in simulator out of the box, with every situation to offer", async () => {
    const view = await call<RehearsalView>("rehearsal.state");
    expect(view.access).toBe("builtin");
    if (view.access !== "builtin") return;
    expect(view.state.presets.map((p) => p.id)).toEqual([
      "before-launch",
      "launch-day",
      "parallel-run-month",
      "after-decommission",
    ]);
    expect(view.state.situations.map((s) => s.name)).toContain("user-without-email");
  });

  it("knows nobody to practise before anyone signs in", async () => {
    expect(await checklist()).toEqual({ available: false, reason: "no-user" });
    expect(await call<PracticeCardInfo>("smartcard.practiceCard")).toEqual({
      userId: null,
      canIssue: false,
      reason: "no-login",
      virtualReader: "Virtual PCD 00 00",
    });
  });

  it("moves to launch day through the control API: the banner's status follows, the audit log says a trainer did it", async () => {
    const state = await call<RehearsalState>("rehearsal.setMoment", { preset: "launch-day" });
    expect(state.status.phase).toBe("parallel-run");
    expect(await simStatus()).toEqual({ phase: "parallel-run", phasePinned: false, now: expect.any(String) });
    expect((await simStatus()).now.startsWith("2023-05-29T01:0")).toBe(true);
    const audit = auditResponseSchema.parse((await control.get("/__sim/audit?event=trainer.moment")).data);
    expect(audit.events.at(-1)).toMatchObject({
      method: "control",
      detail: expect.stringContaining("launch-day"),
    });
  });

  it("refuses a moment or situation that is not one before the simulator hears of it", async () => {
    const before = await simStatus();
    expect(failure(await services.dispatch("rehearsal.setMoment", { preset: "tomorrow" }))?.code).toBe(
      "INVALID_INPUT",
    );
    expect(failure(await services.dispatch("rehearsal.setMoment", { at: "next Monday" }))?.code).toBe(
      "INVALID_INPUT",
    );
    expect(failure(await services.dispatch("rehearsal.applySituation", { name: "../etc" }))?.code).toBe(
      "INVALID_INPUT",
    );
    const unknown = failure(await services.dispatch("rehearsal.applySituation", { name: "no-such-thing" }));
    expect(unknown?.code).toBe("NOT_FOUND");
    expect(unknown?.message).toContain("locked-account");
    expect((await simStatus()).phase).toBe(before.phase);
    expect(
      failure(await services.dispatch("rehearsal.setTrainerToken", { token: "whatever-token" }))?.code,
    ).toBe("NOT_AVAILABLE");
  });

  it("ticks signing in with the emailed code, and recovering from a wrong one", async () => {
    expect(
      (await call<{ state: string }>("auth.begin", { userId: "demo.user", password: demoPassword })).state,
    ).toBe("METHOD_CHOICE");
    await call("auth.chooseFactor", { factor: "otp" });
    expect((await item("otp-sign-in")).done).toBe(false);
    expect(await call("auth.verifyOtp", { otp: await latestOtp() })).toMatchObject({ state: "SUCCESS" });
    const signedIn = await item("otp-sign-in");
    expect(signedIn).toMatchObject({ applicable: true, done: true, times: 1 });
    expect(signedIn.firstAt?.startsWith("2023-05-29")).toBe(true);
    // The computer's own time of the rehearsal, not the simulated one.
    expect(new Date(signedIn.firstRealAt ?? 0).getFullYear()).toBeGreaterThan(2024);
    expect((await item("otp-wrong-code")).done).toBe(false);
    await call("auth.signOut");

    const first = await call<{ state: string }>("auth.begin", {
      userId: "demo.user",
      password: demoPassword,
    });
    expect(first.state).toBe("METHOD_CHOICE");
    await call("auth.chooseFactor", { factor: "otp" });
    expect(failure(await services.dispatch("auth.verifyOtp", { otp: "000000" }))?.code).toBe("INVALID_OTP");
    await call("auth.verifyOtp", { otp: await latestOtp() });
    expect((await item("otp-wrong-code")).done).toBe(true);
    await call("auth.signOut");
  });

  it("ticks asking for a new code once the cooldown has passed on the simulated clock", async () => {
    await call("auth.begin", { userId: "demo.user", password: demoPassword });
    await call("auth.chooseFactor", { factor: "otp" });
    expect(failure(await services.dispatch("auth.resendOtp", {}))?.code).toBe("RESEND_COOLDOWN");
    expect((await item("otp-resend")).done).toBe(false);
    const now = Date.parse((await simStatus()).now);
    await call("rehearsal.setMoment", { at: new Date(now + 31_000).toISOString() });
    await call("auth.resendOtp");
    expect((await item("otp-resend")).done).toBe(true);
    await call("auth.cancel");
  });

  it("issues a practice card for the user signing in, into the simulated reader, without any file", async () => {
    await call("auth.begin", { userId: "demo.user", password: demoPassword });
    expect(await call<PracticeCardInfo>("smartcard.practiceCard")).toEqual({
      userId: "demo.user",
      canIssue: true,
      reason: null,
      virtualReader: "Virtual PCD 00 00",
    });
    await call("auth.chooseFactor", { factor: "smartcard" });
    const issued = await call<{ status: SmartcardStatus; reader: string; userId: string }>(
      "smartcard.issuePracticeCard",
      { pin: "2468", into: "simulated" },
    );
    expect(issued.reader).toBe(SIMULATED_READER_NAME);
    expect(issued.userId).toBe("demo.user");
    expect(issued.status.readers.find((r) => r.name === SIMULATED_READER_NAME)?.cardPresent).toBe(true);
    expect(await call("smartcard.inspect", { reader: SIMULATED_READER_NAME })).toEqual({
      reader: SIMULATED_READER_NAME,
      triesLeft: 3,
      blocked: false,
    });
    expect((await item("smartcard-fallback")).done).toBe(false);
    const done = await call<{ state: string }>("smartcard.signIn", {
      reader: SIMULATED_READER_NAME,
      pin: "2468",
    });
    expect(done.state).toBe("SUCCESS");
    expect((await item("smartcard-fallback")).done).toBe(true);
    await call("auth.signOut");
  });

  it("blocks the card after three wrong PINs, and a new practice card works again", async () => {
    await call("auth.begin", { userId: "demo.user", password: demoPassword });
    await call("auth.chooseFactor", { factor: "smartcard" });
    for (const triesLeft of [2, 1]) {
      const wrong = failure(
        await services.dispatch("smartcard.signIn", { reader: SIMULATED_READER_NAME, pin: "1111" }),
      );
      expect(wrong).toMatchObject({ code: "WRONG_PIN", details: { triesLeft } });
    }
    const third = failure(
      await services.dispatch("smartcard.signIn", { reader: SIMULATED_READER_NAME, pin: "1111" }),
    );
    expect(third?.code).toBe("CARD_BLOCKED");
    expect(await call("smartcard.inspect", { reader: SIMULATED_READER_NAME })).toMatchObject({
      blocked: true,
    });

    await call("smartcard.issuePracticeCard", { pin: "97531", into: "simulated" });
    expect(await call("smartcard.inspect", { reader: SIMULATED_READER_NAME })).toMatchObject({
      triesLeft: 3,
    });
    const done = await call<{ state: string }>("smartcard.signIn", {
      reader: SIMULATED_READER_NAME,
      pin: "97531",
    });
    expect(done.state).toBe("SUCCESS");
    await call("auth.signOut");
  });

  it("offers no practice card to a user who holds none, and the simulator refuses to issue one", async () => {
    await call("auth.begin", { userId: "demo.newuser", password: demoPassword });
    expect(await call<PracticeCardInfo>("smartcard.practiceCard")).toEqual({
      userId: "demo.newuser",
      canIssue: false,
      reason: "no-card",
      virtualReader: "Virtual PCD 00 00",
    });
    const refused = failure(
      await services.dispatch("smartcard.issuePracticeCard", { pin: "1234", into: "simulated" }),
    );
    expect(refused?.code).toBe("CONFLICT");
    expect(
      failure(await services.dispatch("smartcard.issuePracticeCard", { pin: "12", into: "simulated" }))?.code,
    ).toBe("INVALID_INPUT");
    await call("auth.cancel");
  });

  it("notes a connectivity check for the user practising, whatever its target, and ticks it", async () => {
    expect((await item("connectivity-check")).done).toBe(false);
    const done = new Promise<void>((resolve) => {
      const stop = services.events.listen((event) => {
        if (event === "connectivity.done") {
          stop();
          resolve();
        }
      });
    });
    await call("connectivity.run", { target: { kind: "builtin" }, timeoutMs: 5000 });
    await done;
    const checked = await item("connectivity-check");
    expect(checked).toMatchObject({ done: true, applicable: true });
    const audit = auditResponseSchema.parse(
      (await control.get("/__sim/audit?userId=demo.user&event=practice.connectivity-check")).data,
    );
    expect(audit.events.at(-1)).toMatchObject({ method: "check", outcome: "pass" });
  });

  it("moves after decommissioning: the card is refused, an OTP sign-in ticks, the fallback is no longer offered", async () => {
    await call("rehearsal.setMoment", { preset: "after-decommission" });
    await call("auth.begin", { userId: "demo.user", password: demoPassword });
    const refused = await call<{ state: string; message?: string }>("auth.chooseFactor", {
      factor: "smartcard",
    });
    expect(refused.state).toBe("METHOD_DECOMMISSIONED");
    expect(refused.message).toContain("decommissioned");
    await call("auth.cancel").catch(() => undefined);
    expect(await signInWithOtp("demo.user")).toMatchObject({ state: "SUCCESS" });
    const view = await checklist();
    if (!view.available) throw new Error(view.reason);
    expect(view.phase).toBe("2fa-only");
    const applicable = view.items.filter((i) => i.applicable).map((i) => i.id);
    expect(applicable).toEqual([
      "otp-sign-in",
      "otp-resend",
      "otp-wrong-code",
      "after-decommission",
      "connectivity-check",
    ]);
    expect(view.items.find((i) => i.id === "after-decommission")?.done).toBe(true);
    // Done earlier, still on record though no longer offered.
    expect(view.items.find((i) => i.id === "smartcard-fallback")).toMatchObject({
      applicable: false,
      done: true,
    });
    await call("auth.signOut");
  });

  it("keeps the last user's checklist on the login screen after signing out, a mistyped ID or another's attempt", async () => {
    const view = await checklist();
    expect(view).toMatchObject({
      available: true,
      user: { userId: "demo.user", displayName: "Chan Tai Man" },
    });
    expect(
      failure(await services.dispatch("auth.begin", { userId: "demo.usr", password: demoPassword }))?.code,
    ).toBe("INVALID_CREDENTIALS");
    expect(await checklist()).toMatchObject({ available: true, user: { userId: "demo.user" } });
    // Someone who began to sign in but never did is not the one practising once they give up.
    expect(
      (await call<{ state: string }>("auth.begin", { userId: "demo.hkcc", password: demoPassword })).state,
    ).toBe("OTP_REQUIRED");
    expect(await checklist()).toMatchObject({ available: true, user: { userId: "demo.hkcc" } });
    await call("auth.cancel");
    expect(await checklist()).toMatchObject({ available: true, user: { userId: "demo.user" } });
  });

  it("ticks a DA's email registration for the DA who made it", async () => {
    expect(await signInWithOtp("demo.da")).toMatchObject({ state: "SUCCESS" });
    expect((await item("da-register-email")).applicable).toBe(true);
    expect((await item("da-register-email")).done).toBe(false);
    await call("admin.setEmail", { userId: "demo.noemail", email: "lee.ky@cp001.example.com" });
    expect((await item("da-register-email")).done).toBe(true);
    await call("auth.signOut");
  });

  it("applies a situation on top of the moment, and starts over to the seeded users keeping the record", async () => {
    const applied = await call<RehearsalState>("rehearsal.applySituation", { name: "user-without-email" });
    expect(applied.situation).toBe("user-without-email");
    expect(applied.status.phase).toBe("2fa-only");
    const step = await call<{ state: string }>("auth.begin", {
      userId: "noemail.cheung",
      password: "NoMail#Yet2023",
    });
    expect(step.state).toBe("EMAIL_NOT_REGISTERED");
    await call("auth.cancel").catch(() => undefined);

    const fresh = await call<RehearsalState>("rehearsal.startOver");
    expect(fresh.situation).toBeNull();
    // The chosen moment again; the simulated clock runs on from it, so a reading may be a little later.
    const chosen = Date.parse(fresh.presets.find((p) => p.id === "after-decommission")?.at ?? "");
    const since = Date.parse(fresh.status.now) - chosen;
    expect(since).toBeGreaterThanOrEqual(0);
    expect(since).toBeLessThan(60_000);
    // …and runs on: a later reading is later (a clock stopped at the moment would read the same).
    await vi.waitFor(
      async () => expect(Date.parse((await simStatus()).now)).toBeGreaterThan(Date.parse(fresh.status.now)),
      { timeout: 10_000, interval: 50 },
    );
    expect(
      failure(await services.dispatch("auth.begin", { userId: "noemail.cheung", password: "NoMail#Yet2023" }))
        ?.code,
    ).toBe("INVALID_CREDENTIALS");
    await call("auth.begin", { userId: "demo.user", password: demoPassword });
    expect((await item("otp-sign-in")).done).toBe(true);
    await call("auth.cancel");
  });

  it("follows the real clock again", async () => {
    const state = await call<RehearsalState>("rehearsal.setMoment", { realTime: true });
    expect(state.realTime).toBe(true);
    expect((await simStatus()).phase).toBe("2fa-only");
  });
});
