import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "../../../shared/error-schemas.js";
import { lockResponseSchema } from "../../../shared/wire/admin.js";
import { auditResponseSchema } from "../../../shared/wire/control.js";
import {
  pcResultsPath,
  readinessBoardSchema,
  readinessPath,
  submitPcResultResponseSchema,
  type ReadinessBoard,
} from "../../../shared/wire/readiness.js";
import { as, signInWithCard, signInWithOtp } from "../../support/wire-sign-in.js";
import { demoPassword, type Harness, startHarness } from "../simulator/sim-harness.js";

const afterLaunch = "2023-06-15T10:00:00+08:00";
let h: Harness;
let serial = 0;

beforeAll(async () => {
  h = await startHarness({}, afterLaunch);
});
afterAll(async () => h.close());

const code = (res: { data: unknown }) => errorBodySchema.parse(res.data).error;

/** A fresh participant: its DA (no card, signs in with OTP) and users as asked. */
async function participant(users: Array<{ email: boolean; card: boolean }>) {
  const id = `CP${String(100 + ++serial)}`;
  const make = async (userId: string, role: "user" | "da", email: boolean, card: boolean) => {
    const res = await h.control.post("/__sim/users", {
      userId,
      password: demoPassword,
      role,
      participant: id,
      participantName: `Participant ${id}`,
      clearingHouse: "HKSCC",
      createdAt: "2022-11-01T09:00:00+08:00",
      hasSmartcard: card,
      ...(email ? { email: `${userId}@${id.toLowerCase()}.example.com` } : {}),
    });
    expect(res.status).toBe(201);
    return userId;
  };
  const da = await make(`${id.toLowerCase()}.da`, "da", true, false);
  const members: string[] = [];
  for (const [index, user] of users.entries()) {
    members.push(await make(`${id.toLowerCase()}.u${index + 1}`, "user", user.email, user.card));
  }
  return { id, da, members };
}

async function board(token: string, id: string): Promise<ReadinessBoard> {
  const res = await h.http.get(readinessPath(id), as(token));
  expect(res.status, JSON.stringify(res.data)).toBe(200);
  return readinessBoardSchema.parse(res.data);
}

const userRow = (b: ReadinessBoard, userId: string) => {
  const row = b.users.items.find((u) => u.userId === userId);
  if (!row) throw new Error(`${userId} is not on the board`);
  return row;
};

/** A connectivity report as `ccms-check --json` prints it. */
function report(startedAt: string, failAt: "tcp" | null = null): string {
  const ids = ["proxy", "dns", "tcp", "tls", "http", "page"] as const;
  const failed = failAt === null ? -1 : ids.indexOf(failAt);
  const steps = ids.map((id, index) => ({
    id,
    status: failed === -1 || index < failed ? "pass" : index === failed ? "fail" : "skip",
    durationMs: 3.2,
    detail: `${id} seen`,
    hint: index === failed ? "Ask IT about the firewall (Installation Procedures 4.8)." : null,
  }));
  return JSON.stringify({
    status: failAt === null ? "pass" : "fail",
    startedAt,
    target: "https://sso.hkexposttrade.com.hk/sso",
    steps,
    timings: { dnsMs: 1, connectMs: 2, tlsMs: 3, ttfbMs: 4, totalMs: 20 },
  });
}

async function setClock(now: string) {
  expect((await h.control.put("/__sim/clock", { now })).status).toBe(200);
}

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
    expect((await h.control.put("/__sim/phase", { phase: "2fa-only" })).status).toBe(200);
    const token = await signInWithOtp(h, "demo.da");
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
    expect((await h.control.put("/__sim/phase", { phase: null })).status).toBe(200);
  });

  it("is there for a DA who signed in with the smartcard before launch", async () => {
    await setClock("2023-04-20T10:00:00+08:00");
    const token = await signInWithCard(h, "demo.da");
    const session = await h.http.get("/sso/api/v1/session", as(token));
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
    const da = await signInWithOtp(h, p.da);

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
    const put = await h.http.put(
      `/sso/api/v1/admin/users/${u2}/email`,
      { email: `${u2}@mail.example.com` },
      as(da),
    );
    expect(put.status).toBe(200);
    for (let i = 0; i < 2; i++) {
      expect((await h.post("/sso/api/v1/authn", { userId: u1, password: "Wrong#pass99" })).status).toBe(401);
    }
    b = await board(da, p.id);
    expect(userRow(b, u1)).toMatchObject({ failedAttemptsSinceLastSignIn: 2, lastSignIn: null });
    await signInWithOtp(h, u1);
    await signInWithOtp(h, u3);
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
    await signInWithOtp(h, u2);
    const da2 = await signInWithOtp(h, p.da);
    b = await board(da2, p.id);
    expect(b.users.notReady).toBe(0);
    expect(userRow(b, u2).first2faSignInAt).toBe(new Date("2023-06-16T10:00:00+08:00").toISOString());

    // A DA's lock makes the user need an unlock again.
    const u3Session = await signInWithOtp(h, u3);
    const locked = await h.http.post(`/sso/api/v1/admin/users/${u3}/lock`, undefined, as(da2));
    expect(lockResponseSchema.parse(locked.data)).toMatchObject({ wasLocked: false, sessionsEnded: 1 });
    const ended = await h.http.get("/sso/api/v1/session", as(u3Session));
    expect(code(ended)).toMatchObject({ code: "SESSION_EXPIRED", details: { reason: "account-locked" } });
    b = await board(da2, p.id);
    expect(userRow(b, u3).needs).toEqual(["locked"]);
    expect(b.verdict.reasons).toEqual([
      { code: "users-locked", count: 1 },
      { code: "no-pc-results", count: 0 },
    ]);
    expect((await h.http.post(`/sso/api/v1/admin/users/${u3}/unlock`, undefined, as(da2))).status).toBe(200);

    // Before launch the same users need no 2FA sign-in: the first sign-ins are not yet possible.
    await setClock("2023-04-20T10:00:00+08:00");
    const before = await board(da2, p.id);
    expect(before.phase).toBe("smartcard-only");
    expect(before.users.notReady).toBe(0);
  });
});

describe("terminal PCs' results on the board", () => {
  it("keeps each PC's latest result, its failing step, and the verdict follows", async () => {
    await setClock(afterLaunch);
    const p = await participant([{ email: true, card: false }]);
    const da = await signInWithOtp(h, p.da);
    const user = await signInWithOtp(h, p.members[0] ?? "");
    await signInWithOtp(h, p.da);

    // A user sends the result of the check just run; the DA uploads two saved reports of another PC.
    const sent = await h.http.post(
      pcResultsPath(p.id),
      { pcName: "PC-01", source: "app", report: report("2023-06-15T01:00:00.000Z") },
      as(user),
    );
    expect(sent.status, JSON.stringify(sent.data)).toBe(201);
    expect(submitPcResultResponseSchema.parse(sent.data).result).toMatchObject({
      pcName: "PC-01",
      status: "pass",
      failingStep: null,
      source: "app",
      submittedBy: p.members[0],
    });
    for (const [startedAt, failAt] of [
      ["2023-06-14T01:00:00.000Z", null],
      ["2023-06-15T02:00:00.000Z", "tcp"],
    ] as const) {
      const up = await h.http.post(
        pcResultsPath(p.id),
        { pcName: "pc-02", source: "upload", fileName: "pc-02.json", report: report(startedAt, failAt) },
        as(da),
      );
      expect(up.status).toBe(201);
    }
    const b = await board(da, p.id);
    expect(b.pcs).toMatchObject({ total: 2, failing: 1, results: 3 });
    expect(b.pcs.items[0]).toMatchObject({
      pcName: "pc-02",
      status: "fail",
      failingStep: "tcp",
      startedAt: "2023-06-15T02:00:00.000Z",
      source: "upload",
      fileName: "pc-02.json",
      resultCount: 2,
    });
    expect(b.pcs.items[1]).toMatchObject({ pcName: "PC-01", status: "pass", source: "app", resultCount: 1 });
    expect(b.verdict.reasons).toContainEqual({ code: "pcs-failing", count: 1 });

    // The same PC passing later (its name in another case) clears the failure.
    const fixed = await h.http.post(
      pcResultsPath(p.id),
      { pcName: "PC-02", source: "app", report: report("2023-06-15T03:00:00.000Z") },
      as(da),
    );
    expect(fixed.status).toBe(201);
    const after = await board(da, p.id);
    expect(after.pcs).toMatchObject({ total: 2, failing: 0, results: 4 });
    expect(after.verdict.reasons.map((r) => r.code)).not.toContain("pcs-failing");
  });
});

describe("bad uploads are refused with their message, and nothing is stored", () => {
  let p: Awaited<ReturnType<typeof participant>>;
  let da: string;

  beforeAll(async () => {
    await setClock(afterLaunch);
    p = await participant([]);
    da = await signInWithOtp(h, p.da);
  });

  const upload = (body: unknown, token = da, id = p.id) => h.http.post(pcResultsPath(id), body, as(token));
  const stored = async () => (await board(da, p.id)).pcs.results;

  it("not JSON", async () => {
    const res = await upload({
      pcName: "PC-1",
      source: "upload",
      fileName: "notes.json",
      report: "PC-1 passed, ok",
    });
    expect(res.status).toBe(400);
    expect(code(res)).toMatchObject({ code: "REPORT_INVALID", details: { reason: "not-json" } });
    expect(code(res).message).toMatch(/^The file is not JSON: /);
    expect(await stored()).toBe(0);
  });

  it("JSON of the wrong shape", async () => {
    const wrong = JSON.stringify({ status: "ok", startedAt: "yesterday", steps: [] });
    const res = await upload({ pcName: "PC-1", source: "upload", fileName: "x.json", report: wrong });
    expect(res.status).toBe(400);
    const error = code(res);
    expect(error).toMatchObject({ code: "REPORT_INVALID", details: { reason: "schema" } });
    expect(error.message).toMatch(/^The file is not a connectivity report of the CCMS Terminal: /);
    expect(error.message).toContain("startedAt");
    expect(await stored()).toBe(0);
  });

  it("10 MB", async () => {
    const huge = " ".repeat(10 * 1024 * 1024);
    const res = await upload({ pcName: "PC-1", source: "upload", fileName: "big.json", report: huge });
    expect(res.status).toBe(413);
    expect(code(res)).toMatchObject({ code: "REPORT_TOO_LARGE" });
    expect(code(res).message).toBe("A connectivity report can be at most 64 KB; this one is 10.0 MB.");
    // Just over the report's own limit, in a body the route still reads.
    const over = `${report("2023-06-15T01:00:00.000Z")}${" ".repeat(64 * 1024)}`;
    const res2 = await upload({ pcName: "PC-1", source: "upload", fileName: "big.json", report: over });
    expect(res2.status).toBe(413);
    expect(code(res2).message).toMatch(/at most 64 KB; this one is 6\d KB\.$/);
    expect(await stored()).toBe(0);
  });

  it("another participant's board", async () => {
    const res = await upload(
      { pcName: "PC-1", source: "upload", fileName: "pc.json", report: report("2023-06-15T01:00:00.000Z") },
      da,
      "CP001",
    );
    expect(res.status).toBe(403);
    expect(code(res)).toMatchObject({ code: "FORBIDDEN" });
    expect(code(res).message).toContain(`(${p.id})`);
    const other = await h.http.get(readinessPath("CP001"), as(da));
    expect(other.status).toBe(403);
    expect(await stored()).toBe(0);
    const demoDa = await signInWithOtp(h, "demo.da");
    expect((await board(demoDa, "CP001")).pcs.items.map((pc) => pc.pcName)).not.toContain("PC-1");
  });

  it("the same check twice within a second", async () => {
    const body = {
      pcName: "PC-9",
      source: "upload",
      fileName: "pc-9.json",
      report: report("2023-06-15T01:00:00.000Z"),
    };
    expect((await upload(body)).status).toBe(201);
    const again = await upload({ ...body, pcName: "pc-9", report: report("2023-06-15T01:00:00.900Z") });
    expect(again.status).toBe(409);
    expect(code(again)).toMatchObject({ code: "DUPLICATE_RESULT" });
    expect(code(again).message).toContain("nothing was added");
    expect(await stored()).toBe(1);
    expect((await upload({ ...body, report: report("2023-06-15T01:00:01.000Z") })).status).toBe(201);
    expect(await stored()).toBe(2);
  });

  it("every refusal is in the audit log", async () => {
    const res = await h.control.get("/__sim/audit", { params: { userId: p.da, limit: 100 } });
    const refused = auditResponseSchema
      .parse(res.data)
      .events.filter((e) => e.event === "readiness.pc-result" && e.outcome.startsWith("refused"))
      .map((e) => e.outcome);
    expect(refused).toEqual(
      expect.arrayContaining([
        "refused-report_invalid",
        "refused-report_too_large",
        "refused-forbidden",
        "refused-duplicate_result",
      ]),
    );
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
    const da = await signInWithOtp(h, p.da);
    const page = async (query: string) => {
      const res = await h.http.get(`${readinessPath(p.id)}?${query}`, as(da));
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
      const res = await h.http.get(`${readinessPath(p.id)}?${bad}`, as(da));
      expect(res.status, bad).toBe(400);
      expect(code(res).code).toBe("INVALID_INPUT");
    }
  });
});

describe("who may see the board", () => {
  it("a plain user may not; no session is 401", async () => {
    await setClock(afterLaunch);
    const userToken = await signInWithOtp(h, "demo.hkcc");
    const res = await h.http.get(readinessPath("CP002"), as(userToken));
    expect(res.status).toBe(403);
    expect((await h.http.get(readinessPath("CP001"))).status).toBe(401);
    expect((await h.http.get(`${readinessPath("CP002")}?x=1`, as(userToken))).status).toBe(400);
  });
});
