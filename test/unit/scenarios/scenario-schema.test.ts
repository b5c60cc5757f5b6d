import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultSchedule } from "../../../simulator/config.js";
import { phaseAt } from "../../../simulator/phase.js";
import { loadScenarioFile, parseScenario } from "../../../simulator/scenarios/load-scenario.js";

const scenarioDir = join(import.meta.dirname, "../../../simulator/scenarios");
const shipped = readdirSync(scenarioDir).filter((f) => f.endsWith(".json"));
const tmp = mkdtempSync(join(tmpdir(), "ccms-scenario-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const validUser = {
  userId: "a.user",
  password: "Secret#2023x",
  email: "a@cp.example",
  role: "user",
  participant: "CP1",
  clearingHouse: "HKCC",
};

describe("shipped scenarios", () => {
  it("include the five the documentation promises", () => {
    expect(shipped).toEqual(
      expect.arrayContaining([
        "launch-day-parallel-run.json",
        "2fa-only.json",
        "user-without-email.json",
        "locked-account.json",
        "new-user-after-launch.json",
      ]),
    );
  });

  it.each(shipped)("%s is valid and named after its file", (file) => {
    const scenario = loadScenarioFile(join(scenarioDir, file));
    expect(`${scenario.name}.json`).toBe(file);
    expect(scenario.users.length).toBeGreaterThan(0);
  });

  it("put the clock in the phase each one is about", () => {
    const phaseOf = (file: string) => {
      const scenario = loadScenarioFile(join(scenarioDir, file));
      if (scenario.phase) return scenario.phase;
      const clock = scenario.clock;
      if (clock === undefined || !("now" in clock)) throw new Error(`${file} sets no clock`);
      return phaseAt(defaultSchedule, Date.parse(clock.now));
    };
    expect(phaseOf("launch-day-parallel-run.json")).toBe("parallel-run");
    expect(phaseOf("2fa-only.json")).toBe("2fa-only");
    expect(phaseOf("user-without-email.json")).toBe("parallel-run");
    expect(phaseOf("new-user-after-launch.json")).toBe("parallel-run");
  });

  it("model what their names say", () => {
    const noEmail = loadScenarioFile(join(scenarioDir, "user-without-email.json"));
    expect(noEmail.users.some((u) => u.email === undefined && u.hasSmartcard === false)).toBe(true);
    const locked = loadScenarioFile(join(scenarioDir, "locked-account.json"));
    expect(locked.users.some((u) => (u.lockedForMinutes ?? 0) > 0)).toBe(true);
    const newUser = loadScenarioFile(join(scenarioDir, "new-user-after-launch.json"));
    expect(
      newUser.users.some((u) => Date.parse(u.createdAt ?? "") >= Date.parse(defaultSchedule.launch)),
    ).toBe(true);
  });
});

describe("scenario validation", () => {
  it("names the bad field of a user", () => {
    const bad = { name: "x", users: [validUser, { ...validUser, userId: "b.user", email: "not-an-email" }] };
    expect(() => parseScenario(bad, "test.json")).toThrow(/users\[1\]\.email/);
  });

  it("names a bad clock, phase or fault", () => {
    expect(() => parseScenario({ name: "x", clock: { now: "yesterday" } }, "t")).toThrow(/clock/);
    expect(() => parseScenario({ name: "x", phase: "launch" }, "t")).toThrow(/phase/);
    expect(() => parseScenario({ name: "x", faults: { failRate: 2 } }, "t")).toThrow(/faults\.failRate/);
  });

  it("refuses unknown fields, so a typo is not silently ignored", () => {
    expect(() => parseScenario({ name: "x", user: [] }, "t")).toThrow(/user/);
    expect(() => parseScenario({ name: "x", users: [{ ...validUser, hasSmartCard: true }] }, "t")).toThrow(
      /users\[0\]/,
    );
  });

  it("refuses duplicate user IDs, whatever their case", () => {
    const dup = { name: "x", users: [validUser, { ...validUser, userId: "A.USER" }] };
    expect(() => parseScenario(dup, "t")).toThrow(
      /users\[1\]\.userId: duplicate user ID \(also users\[0\]\)/,
    );
  });

  it("says so when the file is missing or not JSON", () => {
    expect(() => loadScenarioFile(join(tmp, "missing.json"))).toThrow(/Cannot read scenario file/);
    const broken = join(tmp, "broken.json");
    writeFileSync(broken, "{ name: ");
    expect(() => loadScenarioFile(broken)).toThrow(/is not JSON/);
  });

  it("accepts a minimal scenario and defaults users to none", () => {
    expect(parseScenario({ name: "empty" }, "t").users).toEqual([]);
  });
});
