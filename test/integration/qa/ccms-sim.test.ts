import { execFile } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSimCommand } from "../../../qa/cli/sim-commands.js";
import { SimulatorRefused } from "../../../qa/control/control-client.js";
import { UsageError } from "../../../shared/cli.js";
import { cardFileSchema } from "../../../simulator/smartcard/card-file.js";
import { type RunningSimulator, startSimulator } from "../../../simulator/index.js";
import { closedPort } from "../../support/ports.js";

const root = path.resolve(import.meta.dirname, "../../..");
const run = promisify(execFile);

let sim: RunningSimulator;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-sim-cli-"));
  sim = await startSimulator({ dataDir: path.join(dir, "data"), hashProfile: "fast", seed: 7 });
  env = { CCMS_SIM_URL: sim.url, CCMS_SIM_CA: sim.caFile, CCMS_SIM_TOKEN: sim.controlToken };
});
afterAll(async () => {
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Runs a command in this process, as the bin does; returns its exit code and what it printed. */
async function sim_(args: string[], environment: Record<string, string | undefined> = env) {
  let out = "";
  const code = await runSimCommand(args, environment, (text) => (out += text));
  return { code, out };
}

/** Runs the real command line (`npm run sim --`), for what only a process shows: stdout, stderr, exit code. */
async function cli(args: string[], environment: Record<string, string | undefined> = env) {
  const result = await run(process.execPath, ["--import", "tsx", "qa/cli/ccms-sim.ts", ...args], {
    cwd: root,
    env: { PATH: process.env["PATH"], ...environment },
  }).then(
    (ok) => ({ code: 0, stdout: ok.stdout, stderr: ok.stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
  return { code: result.code, stdout: result.stdout, stderr: result.stderr };
}

/** Starts a password sign-in over the wire, as the app would, so the simulator mails a code. */
function beginSignIn(userId: string, password: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = https.request(
      new URL("/sso/api/v1/authn", sim.url),
      { method: "POST", ca: fs.readFileSync(sim.caFile), headers: { "content-type": "application/json" } },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.on("error", reject);
    request.end(JSON.stringify({ userId, password }));
  });
}

describe("ccms-sim", () => {
  it("adds, lists, shows and unlocks users, in words and in JSON", async () => {
    const added = await sim_([
      "users",
      "add",
      "--user",
      "cli.one",
      "--password",
      "Cli#2023pass",
      "--email",
      "cli.one@cp001.example.com",
      "--role",
      "da",
      "--smartcard",
      "--json",
    ]);
    expect(added.code).toBe(0);
    expect(JSON.parse(added.out)).toMatchObject({
      user: { userId: "cli.one", role: "da", hasSmartcard: true, email: "cli.one@cp001.example.com" },
    });
    const list = await sim_(["users", "list"]);
    expect(list.out).toMatch(/^cli\.one\s+da\s+CP001\/HKSCC\s+cli\.one@cp001\.example\.com\s+card$/m);
    expect(list.out).toMatch(/^demo\.noemail\s.*\(no email\)/m);
    expect((await sim_(["users", "show", "cli.one"])).out).toMatch(/^participant:\s+CP001$/m);
    expect((await sim_(["users", "unlock", "cli.one"])).out).toBe("cli.one unlocked.\n");
    await expect(sim_(["users", "show", "nobody.here"])).rejects.toMatchObject({
      code: "NOT_FOUND",
      status: 404,
    });
    await expect(sim_(["users", "add", "--user", "cli.one", "--password", "x"])).rejects.toBeInstanceOf(
      SimulatorRefused,
    );
  });

  it("prints only the newest code, and --wait waits for one to arrive", async () => {
    await sim_([
      "users",
      "add",
      "--user",
      "cli.otp",
      "--password",
      "Cli#2023pass",
      "--email",
      "cli.otp@cp001.example.com",
    ]);
    expect(await sim_(["otp", "--user", "cli.otp"])).toEqual({ code: 1, out: "" });
    const waiting = cli(["otp", "--user", "cli.otp", "--wait", "20"]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await beginSignIn("cli.otp", "Cli#2023pass")).toBe(200);
    const printed = await waiting;
    expect(printed).toMatchObject({ code: 0, stderr: "" });
    expect(printed.stdout).toMatch(/^\d{6}\n$/);
    const mailed = (await sim.context.outbox.forUser("cli.otp", -1)).at(-1)?.otp;
    expect(printed.stdout.trim()).toBe(mailed);
    const json = JSON.parse((await sim_(["otp", "--user", "cli.otp", "--json"])).out) as { otp: string };
    expect(json.otp).toBe(mailed);
  });

  it("sets and reads the phase, the clock and the faults, issues a card, reads the audit and resets", async () => {
    expect((await sim_(["phase", "set", "parallel-run"])).out).toBe("parallel-run (pinned)\n");
    expect((await sim_(["phase", "get"])).out).toMatch(/^parallel-run \(pinned\) at /);
    expect((await sim_(["phase", "set", "clock"])).out).toBe("2fa-only (follows the clock)\n");
    expect((await sim_(["clock", "set", "2023-06-01T10:00:00+08:00"])).out).toMatch(
      /^2023-06-01T02:00:00\.\d{3}Z \(offset -\d+ ms\)\n$/,
    );
    expect((await sim_(["phase", "get", "--json"])).out).toContain('"phase": "parallel-run"');
    expect((await sim_(["clock", "real"])).out).toMatch(/\(real time\)\n$/);
    expect(
      JSON.parse((await sim_(["faults", "set", "--latency-ms", "5", "--drop-mail", "--json"])).out),
    ).toEqual({ latencyMs: 5, failRate: 0, mailDelayMs: 0, dropMail: true });
    expect((await sim_(["faults", "get"])).out).toContain("dropMail: true");
    expect((await sim_(["faults", "clear"])).out).toContain("latencyMs: 0");
    const out = path.join(dir, "card.json");
    expect((await sim_(["cards", "issue", "--user", "demo.user", "--pin", "1234", "--out", out])).out).toBe(
      `Card for demo.user written to ${out}.\n`,
    );
    expect(cardFileSchema.parse(JSON.parse(fs.readFileSync(out, "utf8"))).userId).toBe("demo.user");
    expect((await sim_(["audit", "--user", "demo.user"])).out).toMatch(/control\.card-issue/);
    expect((await sim_(["reset"])).out).toMatch(/^Reset: 2fa-only at /);
    expect((await sim_(["users", "list"])).out).not.toContain("cli.one");
  });

  it("takes --url, --ca and --token before the environment", async () => {
    const flags = ["--url", sim.url, "--ca", sim.caFile, "--token", sim.controlToken];
    expect((await sim_(["phase", "get", ...flags], { CCMS_SIM_URL: "https://127.0.0.1:9" })).code).toBe(0);
  });

  it("refuses usage mistakes before reaching anything", async () => {
    for (const args of [
      ["bogus"],
      ["users"],
      ["users", "show"],
      ["otp"],
      ["phase", "set", "later"],
      ["users", "list", "--pin", "1"],
      ["audit", "--limit", "none"],
      ["faults", "set"],
    ]) {
      await expect(sim_(args), args.join(" ")).rejects.toBeInstanceOf(UsageError);
    }
    await expect(sim_(["reset"], {})).rejects.toThrow(
      /--url \(or CCMS_SIM_URL\), --ca \(or CCMS_SIM_CA\), --token \(or CCMS_SIM_TOKEN\) missing/,
    );
  });

  it("exits 0, 1 with the simulator's code, 64 with the usage, 69 when it cannot reach the simulator", async () => {
    expect(await cli(["reset"])).toMatchObject({ code: 0 });
    const refused = await cli(["users", "unlock", "nobody.here"]);
    expect(refused).toMatchObject({ code: 1, stdout: "" });
    expect(refused.stderr).toBe(
      "ccms-sim: the simulator refused (404 NOT_FOUND): No user with ID nobody.here.\n",
    );
    const usage = await cli(["users", "remove", "x"]);
    expect(usage.code).toBe(64);
    expect(usage.stderr).toMatch(/^ccms-sim: Unknown command "users remove"\.\n\nUsage: ccms-sim/);
    const down = await cli(["reset"], { ...env, CCMS_SIM_URL: `https://127.0.0.1:${await closedPort()}` });
    expect(down.code).toBe(69);
    expect(down.stderr).toMatch(/Cannot reach the simulator .*nothing listens there/);
    const wrongToken = await cli(["reset"], { ...env, CCMS_SIM_TOKEN: "not-the-token" });
    expect(wrongToken).toMatchObject({ code: 1 });
    expect(wrongToken.stderr).toContain("401 UNAUTHORIZED");
    expect(await cli(["reset"], { ...env, CCMS_SIM_CA: path.join(dir, "missing.pem") })).toMatchObject({
      code: 69,
    });
  });
});
