import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseMainArgs } from "../../../electron/main/args.js";
import { parseWebArgs } from "../../../electron/web/args.js";
import { UsageError } from "../../../shared/cli.js";

describe("desktop flags", () => {
  it("reads --server and --ca and ignores Chromium's own switches", () => {
    expect(
      parseMainArgs(["--no-sandbox", ".", "--server", "https://sso.example.com/sso", "--ca", "ca.pem"]),
    ).toEqual({
      server: { url: "https://sso.example.com/sso", caFile: path.resolve("ca.pem") },
    });
    expect(parseMainArgs(["--enable-logging"])).toEqual({});
    expect(parseMainArgs(["--data", "d"])).toEqual({ dataDir: path.resolve("d") });
  });

  it("refuses a non-https server and --ca alone", () => {
    expect(parseMainArgs(["--server", "http://sso.example.com"])).toHaveProperty("error");
    expect(parseMainArgs(["--ca", "ca.pem"])).toHaveProperty("error");
  });
});

const defaults = { settings: "/def/settings", local: "/def/local" };

describe("browser shell flags", () => {
  it("reads every flag", () => {
    expect(
      parseWebArgs(
        ["--server", "https://h.example/", "--ca", "x.pem", "--port", "8080", "--data", "d"],
        defaults,
      ),
    ).toEqual({
      server: { url: "https://h.example/", caFile: path.resolve("x.pem") },
      port: 8080,
      dataDir: path.resolve("d"),
      localDataDir: path.resolve("d"),
    });
    expect(parseWebArgs([], defaults)).toEqual({
      port: 0,
      dataDir: "/def/settings",
      localDataDir: "/def/local",
    });
    expect(parseWebArgs(["--help"], defaults)).toBe("help");
  });

  it.each([
    [["--bogus"]],
    [["--port", "http"]],
    [["--port", "70000"]],
    [["--port", "-1"]],
    [["--server", "not a url"]],
    [["--server", "http://plain.example"]],
    [["--ca", "x.pem"]],
    [["positional"]],
  ])("refuses %j with a usage error", (argv) => {
    expect(() => parseWebArgs(argv, defaults)).toThrow(UsageError);
  });
});

describe("--idle-lock-minutes, on both shells", () => {
  it("takes whole and decimal minutes within the bounds", () => {
    expect(parseMainArgs(["--idle-lock-minutes", "5"])).toEqual({ idleLockMinutes: 5 });
    expect(parseMainArgs(["--idle-lock-minutes", "0.05"])).toEqual({ idleLockMinutes: 0.05 });
    expect(parseWebArgs(["--idle-lock-minutes", "2.5"], defaults)).toEqual({
      idleLockMinutes: 2.5,
      port: 0,
      dataDir: "/def/settings",
      localDataDir: "/def/local",
    });
  });

  it.each(["0", "0.01", "481", "-1", "ten", "1e2", ""])("refuses %j with the reason", (text) => {
    expect(parseMainArgs(["--idle-lock-minutes", text])).toEqual({
      error: expect.stringContaining("--idle-lock-minutes must be a number of minutes from 0.05 to 480"),
    });
    expect(() => parseWebArgs(["--idle-lock-minutes", text], defaults)).toThrow(UsageError);
  });
});
