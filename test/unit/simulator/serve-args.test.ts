import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseServeArgs } from "../../../simulator/cli/serve-command.js";
import { UsageError } from "../../../shared/cli.js";

describe("simulator serve flags", () => {
  it("turns flags into simulator options", () => {
    const parsed = parseServeArgs([
      "--port",
      "8443",
      "--data",
      "rel/dir",
      "--hash-profile",
      "fast",
      "--seed",
      "42",
      "--hostname",
      "sim.local",
      "--hostname",
      "10.0.0.5",
      "--control-token",
      "token-1234",
    ]);
    expect(parsed).toEqual({
      help: false,
      options: {
        dataDir: path.resolve("rel/dir"),
        port: 8443,
        host: "127.0.0.1",
        hashProfile: "fast",
        logger: false,
        controlToken: "token-1234",
        seed: 42,
        hostnames: ["sim.local", "10.0.0.5"],
      },
      warnings: [],
    });
  });

  it("defaults to production hashing on an ephemeral port", () => {
    const parsed = parseServeArgs([]);
    expect(parsed.help).toBe(false);
    if (!parsed.help) expect(parsed.options).toMatchObject({ port: 0, hashProfile: "production" });
  });

  it.each([
    [["--bogus"], "bogus"],
    [["--port", "http"], "--port"],
    [["--port", "70000"], "--port"],
    [["--hash-profile", "slow"], "--hash-profile"],
    [["--seed", "x"], "--seed"],
    [["--schedule", "/no/such/file.json"], "--schedule"],
    [["--control-token", "a b"], "--control-token"],
    [["positional"], "positional"],
  ])("refuses %j as a usage error", (args, mention) => {
    expect(() => parseServeArgs(args)).toThrow(UsageError);
    expect(() => parseServeArgs(args)).toThrow(mention);
  });

  it("reads a schedule file and refuses a malformed one", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-schedule-"));
    try {
      const good = path.join(dir, "good.json");
      const schedule = {
        userEmailRegistrationOpens: "2024-01-01T00:00:00+08:00",
        daEmailRegistrationOpens: "2024-02-01T00:00:00+08:00",
        launch: "2024-03-01T00:00:00+08:00",
        decommission: "2024-04-01T00:00:00+08:00",
      };
      fs.writeFileSync(good, JSON.stringify(schedule));
      const parsed = parseServeArgs(["--schedule", good]);
      expect(parsed.help === false && parsed.options.schedule).toEqual(schedule);
      const bad = path.join(dir, "bad.json");
      fs.writeFileSync(bad, JSON.stringify({ ...schedule, launch: "soon" }));
      expect(() => parseServeArgs(["--schedule", bad])).toThrow(/launch/);
      fs.writeFileSync(bad, "{ not json");
      expect(() => parseServeArgs(["--schedule", bad])).toThrow(UsageError);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("session limits on the command line", () => {
  it("sets the idle and absolute limits in minutes", () => {
    const parsed = parseServeArgs(["--session-idle-minutes", "3", "--session-absolute-minutes", "60"]);
    expect(parsed.help === false && parsed.options.config).toEqual({
      sessionIdleMs: 3 * 60_000,
      sessionAbsoluteMs: 60 * 60_000,
    });
    const idleOnly = parseServeArgs(["--session-idle-minutes", "1"]);
    expect(idleOnly.help === false && idleOnly.options.config).toEqual({ sessionIdleMs: 60_000 });
  });

  it.each([
    ["--session-idle-minutes", "0"],
    ["--session-idle-minutes", "1.5"],
    ["--session-absolute-minutes", "20000"],
  ])("refuses %s %s", (flag, value) => {
    expect(() => parseServeArgs([flag, value])).toThrow(UsageError);
    expect(() => parseServeArgs([flag, value])).toThrow(flag);
  });
});
