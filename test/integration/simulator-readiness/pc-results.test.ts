import { beforeAll, describe, expect, it } from "vitest";
import { auditResponseSchema } from "../../../shared/wire/control.js";
import {
  pcResultsPath,
  readinessPath,
  submitPcResultResponseSchema,
} from "../../../shared/wire/readiness.js";
import { as, signInWithOtp } from "../../support/wire-sign-in.js";
import { afterLaunch, code, useReadinessSimulator } from "./readiness-harness.js";

/** Terminal PCs' connectivity results on the readiness board: kept, and bad uploads refused. */
const { harness, participant, board, report, setClock } = useReadinessSimulator();

describe("terminal PCs' results on the board", () => {
  it("keeps each PC's latest result, its failing step, and the verdict follows", async () => {
    await setClock(afterLaunch);
    const p = await participant([{ email: true, card: false }]);
    const da = await signInWithOtp(harness(), p.da);
    const user = await signInWithOtp(harness(), p.members[0] ?? "");
    await signInWithOtp(harness(), p.da);

    // A user sends the result of the check just run; the DA uploads two saved reports of another PC.
    const sent = await harness().http.post(
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
      const up = await harness().http.post(
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
    const fixed = await harness().http.post(
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
    da = await signInWithOtp(harness(), p.da);
  });

  const upload = (body: unknown, token = da, id = p.id) =>
    harness().http.post(pcResultsPath(id), body, as(token));
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
    const other = await harness().http.get(readinessPath("CP001"), as(da));
    expect(other.status).toBe(403);
    expect(await stored()).toBe(0);
    const demoDa = await signInWithOtp(harness(), "demo.da");
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
    const res = await harness().control.get("/__sim/audit", { params: { userId: p.da, limit: 100 } });
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
