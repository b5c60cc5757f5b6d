import { execFile } from "node:child_process";
import { X509Certificate } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCardFile } from "../../../simulator/smartcard/card-file.js";
import { startHarness, type Harness } from "../simulator/sim-harness.js";

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function run(script: string, args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", script, ...args], (error, stdout, stderr) => {
      const code = error && typeof error.code === "number" ? error.code : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const simulatorCli = path.resolve("simulator/cli.ts");
const virtualCardCli = path.resolve("simulator/smartcard/virtual-card-cli.ts");

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.close();
});

describe("npm run simulator -- card issue", () => {
  it("writes a card file for a card holder, signed by the data folder's CA", async () => {
    const out = path.join(h.dir, "cards", "demo.json");
    const result = await run(simulatorCli, [
      "card",
      "issue",
      "--data",
      h.dir,
      "--user",
      "demo.user",
      "--pin",
      "2468",
      "--out",
      out,
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("npm run virtual-card -- --card");
    const card = readCardFile(out);
    expect(card.userId).toBe("demo.user");
    expect(card.pin.triesLeft).toBe(3);
    expect(fs.statSync(out).mode & 0o077).toBe(0);
    const certificate = new X509Certificate(card.certificate);
    expect(certificate.checkIssued(new X509Certificate(h.sim.caCertPem))).toBe(true);
    expect(certificate.subject).toContain("CN=demo.user");

    const again = await run(simulatorCli, [
      "card",
      "issue",
      "--data",
      h.dir,
      "--user",
      "demo.user",
      "--pin",
      "2468",
      "--out",
      out,
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("--force");
  });

  it("refuses an unknown user, a user without a card, a bad PIN and missing flags, with a reason", async () => {
    const out = path.join(h.dir, "cards", "x.json");
    const unknown = await run(simulatorCli, [
      "card",
      "issue",
      "--data",
      h.dir,
      "--user",
      "nobody",
      "--pin",
      "2468",
      "--out",
      out,
    ]);
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringContaining("No user with ID nobody")]);
    const noCard = await run(simulatorCli, [
      "card",
      "issue",
      "--data",
      h.dir,
      "--user",
      "demo.newuser",
      "--pin",
      "2468",
      "--out",
      out,
    ]);
    expect([noCard.code, noCard.stderr]).toEqual([1, expect.stringContaining("holds no smartcard")]);
    const badPin = await run(simulatorCli, [
      "card",
      "issue",
      "--data",
      h.dir,
      "--user",
      "demo.user",
      "--pin",
      "12",
      "--out",
      out,
    ]);
    expect([badPin.code, badPin.stderr]).toEqual([1, expect.stringContaining("4 to 8 digits")]);
    const missing = await run(simulatorCli, ["card", "issue", "--user", "demo.user"]);
    expect(missing.code).toBe(64);
    expect(fs.existsSync(out)).toBe(false);
  });
});

describe("npm run virtual-card", () => {
  it("explains its flags and refuses a file that is not a card", async () => {
    expect((await run(virtualCardCli, ["--help"])).stdout).toContain("--card <file>");
    const noCard = await run(virtualCardCli, []);
    expect([noCard.code, noCard.stderr]).toEqual([64, expect.stringContaining("--card is required")]);
    expect(noCard.stderr).toContain("Usage: npm run virtual-card");
    const notACard = path.join(h.dir, "not-a-card.json");
    fs.writeFileSync(notACard, "{}");
    const refused = await run(virtualCardCli, ["--card", notACard]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("not a valid card file");
  });
});
