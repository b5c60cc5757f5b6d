import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from "vitest";
import type { Envelope } from "../../../shared/contract/api.js";
import type { SmartcardStatus } from "../../../shared/contract/smartcard.js";
import { ipcChannel } from "../../../shared/contract/names.js";
import type { MainHandle } from "../../../electron/main/run-main.js";
import { closedPort } from "../../support/ports.js";
import { invokeFromPage, record, resetRecord } from "./electron-stand-in.js";

vi.mock("electron", async () => (await import("./electron-stand-in.js")).electronStandIn);

const { runMain } = await import("../../../electron/main/run-main.js");

let work: string;
let handle: MainHandle | null = null;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-main-no-smartcard-"));
});
afterEach(async () => {
  await handle?.services.close();
  handle = null;
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** The main process of a package whose package.json is `manifest`, asked for the readers. */
async function readersOf(manifest: Record<string, unknown>): Promise<SmartcardStatus> {
  resetRecord();
  const app = fs.mkdtempSync(path.join(work, "app-"));
  fs.mkdirSync(path.join(app, "dist", "renderer"), { recursive: true });
  fs.writeFileSync(path.join(app, "dist", "renderer", "index.html"), "<!doctype html>");
  fs.writeFileSync(path.join(app, "package.json"), JSON.stringify(manifest));
  record.userData = fs.mkdtempSync(path.join(work, "data-"));
  handle = await runMain({
    argv: [".", "--server", `https://127.0.0.1:${await closedPort()}/sso`],
    bundleDir: path.join(app, "dist-electron"),
  });
  const envelope = (await invokeFromPage(ipcChannel("smartcard.status"), {})) as Envelope;
  if (!envelope.ok) throw new Error(envelope.error.message);
  return envelope.value as SmartcardStatus;
}

describe("a package built with --without-smartcard", () => {
  it("says smartcard sign-in is not available in this build, and keeps the simulated reader", async () => {
    const status = await readersOf({
      name: "ccms-terminal-emulator",
      version: "0.1.0",
      ccmsSmartcard: "left-out",
    });
    expect(status.problems).toEqual([
      expect.objectContaining({ backend: "pcsc", code: "SMARTCARD_NOT_IN_BUILD" }),
    ]);
    expect(status.simulatedReader).toBe(true);
  });

  it("a package built with it never says so", async () => {
    const status = await readersOf({ name: "ccms-terminal-emulator", version: "0.1.0" });
    expect(status.problems.map((problem) => problem.code)).not.toContain("SMARTCARD_NOT_IN_BUILD");
  });
});
