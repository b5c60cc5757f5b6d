import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isAppError } from "../../../shared/errors.js";
import {
  loadMachineDefaults,
  machineDefaultsFile,
  type MachineDefaultsLoad,
} from "../../../electron/services/settings/machine-defaults.js";
import { SettingsStore } from "../../../electron/services/settings/settings-store.js";

const customServer = {
  kind: "custom",
  url: "https://sso.cp.example/sso",
  caFile: "/etc/ccms-terminal/ca.pem",
};

describe("the machine-wide defaults file's location", () => {
  it("is the OS's machine-wide folder: %ProgramData% on Windows, /Library on macOS, /etc elsewhere", () => {
    expect(machineDefaultsFile("win32", { ProgramData: "D:\\ProgramData" })).toBe(
      "D:\\ProgramData\\CCMS Terminal\\defaults.json",
    );
    expect(machineDefaultsFile("win32", {})).toBe("C:\\ProgramData\\CCMS Terminal\\defaults.json");
    expect(machineDefaultsFile("darwin", {})).toBe(
      "/Library/Application Support/CCMS Terminal/defaults.json",
    );
    expect(machineDefaultsFile("linux", {})).toBe("/etc/ccms-terminal/defaults.json");
  });

  it("is the same path below a stand-in root when one is given", () => {
    expect(machineDefaultsFile("linux", {}, "/tmp/root")).toBe("/tmp/root/etc/ccms-terminal/defaults.json");
    expect(machineDefaultsFile("darwin", {}, "/tmp/root")).toBe(
      "/tmp/root/Library/Application Support/CCMS Terminal/defaults.json",
    );
  });
});

describe("machine-wide defaults, at the real path under a temporary root", () => {
  let root: string;
  let dataDir: string;
  let file: string;
  let warnings: string[];
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-system-root-"));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-settings-"));
    file = machineDefaultsFile("linux", {}, root);
    warnings = [];
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const write = (content: unknown) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  };
  const store = (machine: MachineDefaultsLoad) =>
    new SettingsStore(dataDir, (line) => warnings.push(line), machine);

  it("gives nothing and no problem when there is no file", () => {
    expect(loadMachineDefaults(file)).toEqual({ file, defaults: { locked: [] }, problem: null });
  });

  it("presets the server, the proxy and the language; the person's own choice wins where nothing is locked", () => {
    write({ server: customServer, network: { mode: "none" }, language: "zh-HK" });
    const machine = loadMachineDefaults(file);
    expect(machine.problem).toBeNull();
    expect(machine.defaults.language).toBe("zh-HK");
    expect(store(machine).load()).toMatchObject({ server: customServer, network: { mode: "none" } });

    store(machine).saveNetwork({ mode: "system" });
    store(machine).saveServer({ kind: "builtin" });
    expect(store(machine).load()).toMatchObject({ server: { kind: "builtin" }, network: { mode: "system" } });
    expect(warnings).toEqual([]);
  });

  it("locks: the locked value wins over the person's file, and changing it is refused with SETTING_LOCKED naming the file", () => {
    fs.writeFileSync(
      path.join(dataDir, "settings.json"),
      JSON.stringify({ server: { kind: "builtin" }, network: { mode: "system" }, lastUserIds: {} }),
    );
    write({
      server: customServer,
      network: { mode: "manual", proxy: "http://proxy.cp.example:8080" },
      locked: ["server", "network"],
    });
    const settings = store(loadMachineDefaults(file));
    expect(settings.load()).toMatchObject({
      server: customServer,
      network: { mode: "manual", proxy: "http://proxy.cp.example:8080" },
    });
    expect(settings.isLocked("server")).toBe(true);
    expect(settings.isLocked("language")).toBe(false);
    for (const change of [
      () => settings.saveServer({ kind: "builtin" }),
      () => settings.saveNetwork({ mode: "none" }),
    ]) {
      let caught: unknown;
      try {
        change();
      } catch (error) {
        caught = error;
      }
      expect(isAppError(caught) && caught.code).toBe("SETTING_LOCKED");
      expect(isAppError(caught) && caught.message).toContain(file);
    }
    // The person's file is untouched, and remembering a user ID still works.
    settings.saveLastUserId({ kind: "builtin" }, "demo.user");
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, "settings.json"), "utf8"))).toMatchObject({
      server: { kind: "builtin" },
      network: { mode: "system" },
      lastUserIds: { builtin: "demo.user" },
    });
  });

  /** Valid on their own: a preset server and a locked proxy, which must not apply when the file is faulty. */
  const valid = { server: customServer, network: { mode: "none" }, locked: ["network"] };
  it.each([
    ["not JSON", "{ server: builtin }", /not valid JSON/, { reason: "not-json", issues: [] }],
    [
      "not an object",
      "[]",
      /expected object/,
      { reason: "invalid", issues: [{ path: "", kind: "wrong-type", names: [] }] },
    ],
    [
      "a misspelt key",
      { ...valid, langauge: "en" },
      /langauge/,
      { reason: "invalid", issues: [{ path: "", kind: "unknown-keys", names: ["langauge"] }] },
    ],
    [
      "a language the app does not have",
      { ...valid, language: "fr" },
      /^language: /,
      { reason: "invalid", issues: [{ path: "language", kind: "not-allowed", names: [] }] },
    ],
    [
      "a proxy with a password in it",
      { ...valid, network: { mode: "manual", proxy: "http://u:pw@proxy:8080" } },
      /^network\.proxy: /,
      { reason: "invalid", issues: [{ path: "network.proxy", kind: "not-allowed", names: [] }] },
    ],
    [
      "a lock without its value",
      { ...valid, locked: ["network", "language"] },
      /^locked\.1: "language" is locked, but the file gives no "language"/,
      { reason: "invalid", issues: [{ path: "locked.1", kind: "lock-without-value", names: ["language"] }] },
    ],
    [
      "an unknown lock",
      { ...valid, locked: ["network", "clock"] },
      /^locked\.1: /,
      { reason: "invalid", issues: [{ path: "locked.1", kind: "not-allowed", names: [] }] },
    ],
  ])("ignores a file with %s whole, saying why in English and as codes", (_label, content, why, codes) => {
    write(content);
    const machine = loadMachineDefaults(file);
    expect(machine.problem?.message).toMatch(why);
    expect(machine.problem).toMatchObject(codes);
    expect(machine.defaults).toEqual({ locked: [] });
    // Nothing of it applies: not the valid server or proxy beside the fault, not the lock.
    const settings = store(machine);
    expect(settings.load()).toMatchObject({ server: { kind: "builtin" }, network: { mode: "system" } });
    expect(settings.isLocked("network")).toBe(false);
  });

  it("reads a file saved with a byte-order mark (Notepad)", () => {
    write(`\uFEFF${JSON.stringify({ language: "en", locked: ["language"] })}`);
    expect(loadMachineDefaults(file)).toMatchObject({
      problem: null,
      defaults: { language: "en", locked: ["language"] },
    });
  });

  it("ignores a file it cannot read, saying why", () => {
    fs.mkdirSync(file, { recursive: true });
    expect(loadMachineDefaults(file).problem).toMatchObject({
      reason: "unreadable",
      message: expect.stringMatching(/cannot be read/),
    });
  });
});
