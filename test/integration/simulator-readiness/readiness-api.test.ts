import { describe, expect, it } from "vitest";
import { lockResponseSchema } from "../../../shared/wire/admin.js";
import { readinessBoardSchema, readinessPath } from "../../../shared/wire/readiness.js";
import { as, signInWithCard, signInWithOtp } from "../../support/wire-sign-in.js";
import { afterLaunch, code, useReadinessSimulator } from "./readiness-harness.js";

/** The readiness board over the wire: its deadlines, counts, pages of users, and who may see it. */
const { harness, participant, board, userRow, setClock } = useReadinessSimulator();

describe("the readiness board's deadlines follow the simulated date", () => {
  it.each([
    [
      "2022-12-18T23:59:00+08:00",
      { userEmailRegistrationOpens: ["upcoming", 1], readinessDeadline: ["upcoming", 131] },
    ],
    [
      "2022-12-19T00:00:00+08:00",
      { userEmailRegistrationOpens: ["today", 0], daEmailRegistrationOpens: ["upcoming", 91] },
    ],
    [
      "2023-03-20T18:00:00+08:00",
      { userEmailRegistrationOpens: ["passed", -91], daEmailRegistrationOpens: ["today", 0] },
    ],
    ["2023-04-27T09:00:00+08:00", { readinessDeadline: ["upcoming", 1], launch: ["upcoming", 32] }],
    ["2023-04-28T23:59:59+08:00", { readinessDeadline: ["today", 0] }],
    ["2023-04-29T00:00:00+08:00", { readinessDeadline: ["passed", -1], launch: ["upcoming", 30] }],
    ["2023-05-29T08:00:00+08:00", { launch: ["today", 0], decommission: ["upcoming", 63] }],
    ["2023-08-01T12:00:00+08:00", { launch: ["passed", -64], decommission: ["passed", -1] }],
  ])("at %s", async (now, expected) => {
    await setClock(now);
    // Pinned to the 2FA phase so the DA signs in with an OTP at any date; the deadlines follow the clock alone.
    expect((await harness().control.put("/__sim/phase", { phase: "2fa-only" })).status).toBe(200);
    const token = await signInWithOtp(harness(), "demo.da");
    const b = await board(token, "CP001");
    expect(b.serverTime).toBe(new Date(now).toISOString());
    for (const [id, [status, daysLeft]] of Object.entries(expected)) {
      expect(
        b.deadlines.find((d) => d.id === id),
        id,
      ).toMatchObject({ status, daysLeft });
    }
    expect(b.deadlines.map((d) => d.id)).toEqual([
      "userEmailRegistrationOpens",
      "daEmailRegistrationOpens",
      "readinessDeadline",
      "launch",
      "decommission",
    ]);
    expect(b.deadlines.find((d) => d.id === "readinessDeadline")?.at).toBe("2023-04-27T16:00:00.000Z");
    expect((await harness().control.put("/__sim/phase", { phase: null })).status).toBe(200);
  });

  it("is there for a DA who signed in with the smartcard before launch", async () => {
    await setClock("2023-04-20T10:00:00+08:00");
    const token = await signInWithCard(harness(), "demo.da");
    const session = await harness().http.get("/sso/api/v1/session", as(token));
    expect(session.data.session.authMethod).toBe("smartcard");
    const b = await board(token, "CP001");
    expect(b.phase).toBe("smartcard-only");
    expect(b.users.items.map((u) => u.userId)).toContain("demo.noemail");
    // Before launch nobody can have signed in with 2FA yet: only the missing email counts.
    expect(userRow(b, "demo.noemail").needs).toEqual(["no-email"]);
    expect(userRow(b, "demo.user").needs).toEqual([]);
  });
});

describe("the board's counts after registrations and sign-ins", () => {
  it("counts users not ready, and clears each as they register and sign in with 2FA", async () => {
    await setClock(afterLaunch);
    const p = await participant([
      { email: true, card: true },
      { email: false, card: true },
      { email: true, card: false },
    ]);
    const [u1 = "", u2 = "", u3 = ""] = p.members;
    const da = await signInWithOtp(harness(), p.da);

    let b = await board(da, p.id);
    expect(b.participantName).toBe(`Participant ${p.id}`);
    expect(b.users).toMatchObject({ total: 4, notReady: 3 });
    expect(userRow(b, p.da)).toMatchObject({ needs: [], lastSignIn: { method: "otp" } });
    expect(userRow(b, u1)).toMatchObject({
      needs: ["no-2fa-sign-in"],
      first2faSignInAt: null,
      hasSmartcard: true,
    });
    expect(userRow(b, u2)).toMatchObject({ needs: ["no-email", "no-2fa-sign-in"], maskedEmail: null });
    expect(b.verdict.ready).toBe(false);
    expect(b.verdict.reasons).toEqual([
      { code: "users-without-email", count: 1 },
      { code: "users-without-2fa-sign-in", count: 3 },
      { code: "no-pc-results", count: 0 },
    ]);

    // The DA registers u2's email; u1 and u3 sign in with 2FA (u1 after two wrong passwords).
    const put = await harness().http.put(
      `/sso/api/v1/admin/users/${u2}/email`,
      { email: `${u2}@mail.example.com` },
      as(da),
    );
    expect(put.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      expect(
        (await harness().post("/sso/api/v1/authn", { userId: u1, password: "Wrong#pass99" })).status,
      ).toBe(401);
    }
    b = await board(da, p.id);
    expect(userRow(b, u1)).toMatchObject({ failedAttemptsSinceLastSignIn: 2, lastSignIn: null });
    await signInWithOtp(harness(), u1);
    await signInWithOtp(harness(), u3);
    b = await board(da, p.id);
    expect(b.users.notReady).toBe(1);
    expect(userRow(b, u1)).toMatchObject({
      needs: [],
      failedAttemptsSinceLastSignIn: 0,
      lastSignIn: { method: "otp" },
    });
    expect(userRow(b, u1).first2faSignInAt).toBe(new Date(afterLaunch).toISOString());
    expect(userRow(b, u2)).toMatchObject({ needs: ["no-2fa-sign-in"], emailRegistered: true });
    expect(userRow(b, u2).maskedEmail).toMatch(/\*/);

    await setClock("2023-06-16T10:00:00+08:00");
    await signInWithOtp(harness(), u2);
    const da2 = await signInWithOtp(harness(), p.da);
    b = await board(da2, p.id);
    expect(b.users.notReady).toBe(0);
    expect(userRow(b, u2).first2faSignInAt).toBe(new Date("2023-06-16T10:00:00+08:00").toISOString());

    // A DA's lock makes the user need an unlock again.
    const u3Session = await signInWithOtp(harness(), u3);
    const locked = await harness().http.post(`/sso/api/v1/admin/users/${u3}/lock`, undefined, as(da2));
    expect(lockResponseSchema.parse(locked.data)).toMatchObject({ wasLocked: false, sessionsEnded: 1 });
    const ended = await harness().http.get("/sso/api/v1/session", as(u3Session));
    expect(code(ended)).toMatchObject({ code: "SESSION_EXPIRED", details: { reason: "account-locked" } });
    b = await board(da2, p.id);
    expect(userRow(b, u3).needs).toEqual(["locked"]);
    expect(b.verdict.reasons).toEqual([
      { code: "users-locked", count: 1 },
      { code: "no-pc-results", count: 0 },
    ]);
    expect(
      (await harness().http.post(`/sso/api/v1/admin/users/${u3}/unlock`, undefined, as(da2))).status,
    ).toBe(200);

    // Before launch the same users need no 2FA sign-in: the first sign-ins are not yet possible.
    await setClock("2023-04-20T10:00:00+08:00");
    const before = await board(da2, p.id);
    expect(before.phase).toBe("smartcard-only");
    expect(before.users.notReady).toBe(0);
  });
});

describe("the board's users, a page at a time", () => {
  it("filters and pages the users by user ID; the counts and the verdict cover them all", async () => {
    await setClock(afterLaunch);
    const p = await participant([
      { email: false, card: false },
      { email: true, card: false },
      { email: false, card: false },
    ]);
    const da = await signInWithOtp(harness(), p.da);
    const page = async (query: string) => {
      const res = await harness().http.get(`${readinessPath(p.id)}?${query}`, as(da));
      expect(res.status, JSON.stringify(res.data)).toBe(200);
      return readinessBoardSchema.parse(res.data).users;
    };
    const first = await page("users=needs-action&offset=0&limit=2");
    expect(first).toMatchObject({ total: 4, notReady: 3, filter: "needs-action", offset: 0, matching: 3 });
    expect(first.items.map((u) => u.userId)).toEqual([p.members[0], p.members[1]]);
    const second = await page("users=needs-action&offset=2&limit=2");
    expect(second.items.map((u) => u.userId)).toEqual([p.members[2]]);
    const all = await page("users=all&limit=10");
    expect(all).toMatchObject({ matching: 4, filter: "all" });
    expect(all.items.map((u) => u.userId)).toEqual([p.da, ...p.members]);
    // By default: all users, the first 200.
    const plain = await board(da, p.id);
    expect(plain.users).toMatchObject({ filter: "all", offset: 0, matching: 4 });
    expect(plain.verdict.reasons).toContainEqual({ code: "users-without-email", count: 2 });
    for (const bad of ["limit=0", "limit=5001", "offset=-1", "users=some", "limit=ten"]) {
      const res = await harness().http.get(`${readinessPath(p.id)}?${bad}`, as(da));
      expect(res.status, bad).toBe(400);
      expect(code(res).code).toBe("INVALID_INPUT");
    }
  });
});

describe("who may see the board", () => {
  it("a plain user may not; no session is 401", async () => {
    await setClock(afterLaunch);
    const userToken = await signInWithOtp(harness(), "demo.hkcc");
    const res = await harness().http.get(readinessPath("CP002"), as(userToken));
    expect(res.status).toBe(403);
    expect((await harness().http.get(readinessPath("CP001"))).status).toBe(401);
    expect((await harness().http.get(`${readinessPath("CP002")}?x=1`, as(userToken))).status).toBe(400);
  });
});
