import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runSimCommand } from "../../../qa/cli/sim-commands.js";
import { UsageError } from "../../../shared/cli.js";
import { shippedScenario } from "../../../simulator/scenarios/shipped-scenarios.js";
import { type RunningSimulator, startSimulator } from "../../../simulator/index.js";

let sim: RunningSimulator;
let dir: string;
let env: Record<string, string>;

// Launch day, with a DA's email application still pending (the shipped scenario).
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-sim-room-cli-"));
  sim = await startSimulator({
    dataDir: path.join(dir, "data"),
    hashProfile: "fast",
    scenario: shippedScenario("da-application-pending-at-launch"),
  });
  env = { CCMS_SIM_URL: sim.url, CCMS_SIM_CA: sim.caFile, CCMS_SIM_TOKEN: sim.controlToken };
});
afterAll(async () => {
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]) {
  let out = "";
  const code = await runSimCommand(args, env, (text) => (out += text));
  return { code, out };
}

function wrongPassword(userId: string): Promise<number> {
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
    request.end(JSON.stringify({ userId, password: "Wrong#Pass2023" }));
  });
}

describe("ccms-sim room and hkex", () => {
  it("prints the room, and unlocks, ends and starts over one trainee", async () => {
    expect((await run(["room"])).out).toMatch(
      /^0 trainee\(s\) since the start; simulated 2023-05-29T01:\d\d/,
    );
    // Four wrong passwords answer 401; the fifth locks the account.
    for (let i = 0; i < 5; i++) await wrongPassword("pending.user");
    const room = await run(["room"]);
    expect(room.out).toMatch(
      /^pending\.user\s+CP8804\s+-\s+password\s+practice 0\/\d+\s+locked until 2023-05-29T/m,
    );
    expect(JSON.parse((await run(["room", "--json"])).out)).toMatchObject({
      trainees: [{ userId: "pending.user", signedIn: false }],
    });
    expect((await run(["room", "unlock", "pending.user"])).out).toBe("pending.user unlocked.\n");
    expect((await run(["room", "end-session", "pending.user"])).out).toBe("pending.user ended.\n");
    expect((await run(["room", "start-over", "pending.user"])).out).toBe("pending.user started over.\n");
    expect((await run(["room"])).out).not.toContain("pending.user");
  });

  it("lists DAs' email applications and has HKEX process them", async () => {
    const pending = await run(["hkex", "applications", "--status", "processing"]);
    expect(pending.out).toMatch(
      /^CP8804\s+pending\.da1\s+n\*+h@cp8804\.example\s+processing\s+submitted 2023-05-22T08:30:00\.000Z by pending\.da2\s+due 2023-06-05T01:00:00\.000Z\s+late$/m,
    );
    expect((await run(["hkex", "process"])).out).toMatch(
      /^1 application\(s\) processed\.\nCP8804\s+pending\.da1\s.*\seffective\s.*processed 2023-05-29T/m,
    );
    expect((await run(["hkex", "applications", "--status", "processing"])).out).toBe("\n");
    expect(JSON.parse((await run(["hkex", "applications", "--json"])).out)).toMatchObject({
      applications: [{ userId: "pending.da1", status: "effective" }],
    });
  });

  it("refuses usage mistakes", async () => {
    for (const args of [
      ["hkex", "applications", "--status", "lost"],
      ["room", "unlock"],
      ["room", "--status", "x"],
    ]) {
      await expect(run(args), args.join(" ")).rejects.toBeInstanceOf(UsageError);
    }
  });
});
