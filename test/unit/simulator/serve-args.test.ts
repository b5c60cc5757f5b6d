import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { controlTokenFlagWarning, parseServeArgs, serveUsage } from "../../../simulator/cli/serve-command.js";
import { scheduleSchema } from "../../../shared/wire/control.js";
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
      warnings: [controlTokenFlagWarning],
    });
  });

  it("takes the control token from a file or CCMS_SIM_CONTROL_TOKEN, out of the process list", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-token-"));
    try {
      const file = path.join(dir, "token");
      fs.writeFileSync(file, "from-the-file-123\r\nsecond line ignored\n");
      const fromFile = parseServeArgs(["--control-token-file", file], {
        CCMS_SIM_CONTROL_TOKEN: "from-env-456",
      });
      expect(fromFile).toMatchObject({ options: { controlToken: "from-the-file-123" }, warnings: [] });
      const fromEnv = parseServeArgs([], { CCMS_SIM_CONTROL_TOKEN: "from-env-456" });
      expect(fromEnv).toMatchObject({ options: { controlToken: "from-env-456" }, warnings: [] });
      const none = parseServeArgs([], {});
      expect(none.help === false && "controlToken" in none.options).toBe(false);

      fs.writeFileSync(file, "");
      expect(() => parseServeArgs(["--control-token-file", file], {})).toThrow(
        /--control-token-file .* is empty/,
      );
      expect(() => parseServeArgs(["--control-token-file", path.join(dir, "none")], {})).toThrow(
        /cannot be read \(ENOENT\)/,
      );
      fs.writeFileSync(file, "has spaces in it");
      expect(() => parseServeArgs(["--control-token-file", file], {})).toThrow(UsageError);
      expect(() => parseServeArgs(["--control-token-file", file], {})).not.toThrow(/has spaces/);
      expect(() => parseServeArgs([], { CCMS_SIM_CONTROL_TOKEN: "short" })).toThrow(
        /^CCMS_SIM_CONTROL_TOKEN must be 8 to 512 characters/,
      );
      expect(() =>
        parseServeArgs(["--control-token", "flag-token-1", "--control-token-file", file], {}),
      ).toThrow(/one way/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
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

  it("names every key of the schedule file in the --schedule help, the optional ones with a ?", () => {
    const entry = /--schedule <file\.json>[^{]*\{([^}]*)\}/.exec(serveUsage)?.[1] ?? "";
    const named = entry.split(",").map((key) => key.trim());
    const keys = Object.entries(scheduleSchema.shape).map(([key, schema]) =>
      schema.safeParse(undefined).success ? `${key}?` : key,
    );
    expect(named.sort()).toEqual(keys.sort());
  });

  describe("--database", () => {
    const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), "ccms-db-args-"));

    it("takes a PostgreSQL URL and the password from PGPASSWORD", () => {
      const parsed = parseServeArgs(["--database", "postgres://ccms@db.example:5433/room"], {
        PGPASSWORD: "from-env",
      });
      if (parsed.help) throw new Error("help");
      expect(parsed.options.database).toEqual({
        url: "postgres://ccms@db.example:5433/room",
        password: "from-env",
      });
    });

    it("prefers --database-password-file (its first line) to PGPASSWORD", () => {
      const dir = tmp();
      const file = path.join(dir, "pw");
      fs.writeFileSync(file, "from-file\nignored\n");
      try {
        const parsed = parseServeArgs(
          ["--database", "postgresql://ccms@db:5432/room", "--database-password-file", file],
          { PGPASSWORD: "from-env" },
        );
        if (parsed.help) throw new Error("help");
        expect(parsed.options.database?.password).toBe("from-file");
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it("leaves the password out when none is given (trust or a .pgpass file on the server side)", () => {
      const parsed = parseServeArgs(["--database", "postgres://ccms@db/room"], {});
      if (parsed.help) throw new Error("help");
      expect(parsed.options.database).toEqual({ url: "postgres://ccms@db/room" });
    });

    it("refuses a password written in the URL, and says where to give it, without repeating it", () => {
      for (const url of ["postgres://ccms:s3cret@db/room", "postgres://ccms@db/room?password=s3cret"]) {
        let error: unknown;
        try {
          parseServeArgs(["--database", url], {});
        } catch (caught) {
          error = caught;
        }
        expect(error).toBeInstanceOf(UsageError);
        expect((error as Error).message).toMatch(/PGPASSWORD|--database-password-file/);
        expect((error as Error).message).not.toContain("s3cret");
      }
    });

    it("refuses what is not a postgres:// URL, and a password file without --database", () => {
      expect(() => parseServeArgs(["--database", "mysql://db/room"], {})).toThrow(UsageError);
      expect(() => parseServeArgs(["--database", "not a url"], {})).toThrow(UsageError);
      expect(() => parseServeArgs(["--database-password-file", "/nonexistent"], {})).toThrow(
        /needs --database/,
      );
      expect(() =>
        parseServeArgs(
          ["--database", "postgres://ccms@db/room", "--database-password-file", "/nonexistent/pw"],
          {},
        ),
      ).toThrow(/cannot be read/);
    });

    it("bounds the waits on the database by flags, each left out keeping its default", () => {
      const url = "postgres://ccms@db/room";
      const parsed = parseServeArgs(
        [
          "--database",
          url,
          "--database-connect-timeout-ms",
          "1500",
          "--database-query-timeout-ms",
          "4000",
          "--database-statement-timeout-ms",
          "3000",
          "--database-keepalive-ms",
          "0",
          "--database-idle-in-transaction-timeout-ms",
          "20000",
        ],
        {},
      );
      if (parsed.help) throw new Error("help");
      expect(parsed.options.database).toEqual({
        url,
        timeouts: {
          connectMs: 1500,
          queryMs: 4000,
          statementMs: 3000,
          keepAliveMs: 0,
          idleInTransactionMs: 20_000,
        },
      });
      const one = parseServeArgs(["--database", url, "--database-query-timeout-ms", "3000"], {});
      expect(one.help === false && one.options.database?.timeouts).toEqual({ queryMs: 3000 });
    });

    it("refuses a timeout that is not a whole number in range, one not below the query timeout, or one without --database", () => {
      const url = "postgres://ccms@db/room";
      expect(() => parseServeArgs(["--database", url, "--database-query-timeout-ms", "2.5s"], {})).toThrow(
        /whole number of milliseconds/,
      );
      expect(() => parseServeArgs(["--database", url, "--database-connect-timeout-ms", "5"], {})).toThrow(
        /between 100 and/,
      );
      expect(() =>
        parseServeArgs(["--database", url, "--database-statement-timeout-ms", "2500"], {}),
      ).toThrow(/must be below --database-query-timeout-ms \(2500\)/);
      expect(() =>
        parseServeArgs(["--database", url, "--database-idle-in-transaction-timeout-ms", "500"], {}),
      ).toThrow(/between 1000 and/);
      expect(() => parseServeArgs(["--database-keepalive-ms", "1000"], {})).toThrow(/need --database/);
    });
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
