import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckRun } from "../../../shared/contract/connectivity.js";
import type { PcResult, ReadinessBoard } from "../../../shared/wire/readiness.js";
import {
  failure,
  type HostWithSimulator,
  startHostWithSimulator,
  value,
} from "../../support/host-with-simulator.js";

let host: HostWithSimulator;

beforeAll(async () => {
  host = await startHostWithSimulator();
});
afterAll(async () => host.close());

const call = (method: string, input: unknown = {}) => host.services.dispatch(method, input);

/** Runs the connectivity check against the simulator's sign-in page, as IT staff would from the app. */
async function runCheck(): Promise<CheckRun> {
  const done = new Promise<CheckRun>((resolve) => {
    const off = host.services.events.listen((event, payload) => {
      if (event !== "connectivity.done") return;
      off();
      resolve((payload as { run: CheckRun }).run);
    });
  });
  value(
    await call("connectivity.run", {
      target: { kind: "url", url: `${host.sim.url}/sso` },
      caFile: host.sim.caFile,
      timeoutMs: 5000,
    }),
  );
  return done;
}

describe("PC results reach the board both ways, through the app", () => {
  it("a user sends the check just run; the DA uploads a saved report; the board shows both", async () => {
    const run = await runCheck();
    expect(run.result.status).not.toBe("fail");

    await host.signIn("demo.user");
    const sent = value<{ result: PcResult }>(
      await call("readiness.sendResult", { runId: run.runId, pcName: "TERM-01" }),
    );
    expect(sent.result).toMatchObject({ pcName: "TERM-01", source: "app", submittedBy: "demo.user" });
    expect(sent.result.startedAt).toBe(new Date(run.result.startedAt).toISOString());
    // The same run twice: the server refuses it as a duplicate.
    expect(failure(await call("readiness.sendResult", { runId: run.runId, pcName: "term-01" })).code).toBe(
      "DUPLICATE_RESULT",
    );
    expect(
      failure(await call("readiness.sendResult", { runId: "no-such-run", pcName: "TERM-01" })).code,
    ).toBe("CHECK_NOT_FOUND");
    // A plain user has no board.
    expect(failure(await call("readiness.board")).code).toBe("FORBIDDEN");

    // IT staff saved the JSON report of another run; the DA uploads it.
    const other = await runCheck();
    const saved = value<{ content: string; fileName: string }>(
      await call("connectivity.report", { runId: other.runId, format: "json" }),
    );
    await host.signIn("demo.da");
    const uploaded = value<{ result: PcResult }>(
      await call("readiness.uploadReport", {
        pcName: "TERM-02",
        fileName: saved.fileName,
        content: saved.content,
      }),
    );
    expect(uploaded.result).toMatchObject({ pcName: "TERM-02", source: "upload", fileName: saved.fileName });

    const board = value<ReadinessBoard>(await call("readiness.board"));
    expect(board.participant).toBe("CP001");
    expect(board.pcs.items.map((pc) => [pc.pcName, pc.source])).toEqual([
      ["TERM-01", "app"],
      ["TERM-02", "upload"],
    ]);
  });

  it("refuses a report over the limit before sending it, and a malformed one from the server", async () => {
    await host.signIn("demo.da");
    const big = failure(
      await call("readiness.uploadReport", {
        pcName: "PC-X",
        fileName: "big.json",
        content: "x".repeat(70 * 1024),
      }),
    );
    expect(big).toMatchObject({
      code: "REPORT_TOO_LARGE",
      message: expect.stringContaining("at most 64 KB"),
    });
    const notJson = failure(
      await call("readiness.uploadReport", { pcName: "PC-X", fileName: "a.json", content: "hello" }),
    );
    expect(notJson).toMatchObject({ code: "REPORT_INVALID", details: { reason: "not-json" } });
    const badName = failure(
      await call("readiness.uploadReport", { pcName: "../etc", fileName: "a.json", content: "{}" }),
    );
    expect(badName.code).toBe("INVALID_INPUT");
    expect(
      value<ReadinessBoard>(await call("readiness.board")).pcs.items.map((pc) => pc.pcName),
    ).not.toContain("PC-X");
  });
});
