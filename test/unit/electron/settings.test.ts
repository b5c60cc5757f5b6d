import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isAppError } from "../../../shared/errors.js";
import { readCaFile } from "../../../electron/services/settings/read-ca-file.js";
import { defaultSettings, SettingsStore } from "../../../electron/services/settings/settings-store.js";

describe("SettingsStore", () => {
  let dir: string;
  let warnings: string[];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-settings-"));
    warnings = [];
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const store = () => new SettingsStore(dir, (line) => warnings.push(line));

  it("gives the built-in profile when there is no file, without a warning", () => {
    expect(store().load()).toEqual(defaultSettings);
    expect(warnings).toEqual([]);
  });

  it("saves and reads back a custom profile, leaving no temp file", () => {
    store().saveServer({ kind: "custom", url: "https://sso.example.com/sso", caFile: "/etc/ca.pem" });
    expect(store().load().server).toEqual({
      kind: "custom",
      url: "https://sso.example.com/sso",
      caFile: "/etc/ca.pem",
    });
    expect(fs.readdirSync(dir)).toEqual(["settings.json"]);
  });

  it("reads a file written before the network setting existed, with the defaults for what it lacks", () => {
    fs.writeFileSync(path.join(dir, "settings.json"), JSON.stringify({ server: { kind: "builtin" } }));
    expect(store().load()).toEqual({
      server: { kind: "builtin" },
      network: { mode: "system" },
      lastUserIds: {},
    });
    expect(warnings).toEqual([]);
  });

  it("keeps the proxy setting, never with credentials in it", () => {
    store().saveNetwork({ mode: "manual", proxy: "http://proxy.corp:8080" });
    expect(store().load().network).toEqual({ mode: "manual", proxy: "http://proxy.corp:8080" });
    expect(() => store().saveNetwork({ mode: "manual", proxy: "http://u:secret@proxy.corp:8080" })).toThrow();
    expect(fs.readFileSync(path.join(dir, "settings.json"), "utf8")).not.toContain("secret");
  });

  it("remembers the last user ID per server profile, and forgets one without touching the other", () => {
    const custom = { kind: "custom", url: "https://sso.example.com/sso" } as const;
    store().saveLastUserId({ kind: "builtin" }, "demo.user");
    store().saveLastUserId(custom, "cp.user");
    expect(store().load().lastUserIds).toEqual({
      builtin: "demo.user",
      "https://sso.example.com/sso": "cp.user",
    });
    store().saveLastUserId({ kind: "builtin" }, null);
    expect(store().load().lastUserIds).toEqual({ "https://sso.example.com/sso": "cp.user" });
  });

  it.each([
    ["not JSON", "{ nope"],
    ["the wrong shape", JSON.stringify({ server: { kind: "custom", url: "ftp://x" } })],
    ["an empty file", ""],
  ])("falls back to defaults with a warning for %s", (_label, text) => {
    fs.writeFileSync(path.join(dir, "settings.json"), text);
    expect(store().load()).toEqual(defaultSettings);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain("settings.json");
  });

  it("refuses to save a profile that breaks the schema", () => {
    expect(() => store().saveServer({ kind: "custom", url: "http://x" } as never)).toThrow();
    expect(fs.existsSync(path.join(dir, "settings.json"))).toBe(false);
  });

  it("keeps only what the person chose: remembering a user ID writes no server or proxy choice", () => {
    store().saveLastUserId({ kind: "builtin" }, "demo.user");
    expect(JSON.parse(fs.readFileSync(path.join(dir, "settings.json"), "utf8"))).toEqual({
      lastUserIds: { builtin: "demo.user" },
    });
  });
});

describe("readCaFile", () => {
  it("turns a missing file and a non-PEM file into CA_FILE_UNREADABLE", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-ca-"));
    try {
      const junk = path.join(dir, "junk.pem");
      fs.writeFileSync(junk, "hello");
      for (const file of [path.join(dir, "missing.pem"), junk, dir]) {
        let caught: unknown;
        try {
          readCaFile(file);
        } catch (error) {
          caught = error;
        }
        expect(isAppError(caught) && caught.code).toBe("CA_FILE_UNREADABLE");
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
