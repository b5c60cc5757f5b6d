import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { planDist, smartcardBuildHint, targetSystems } from "../../../build/dist-plan.mjs";

const root = path.resolve(import.meta.dirname, "../../..");

describe("npm run dist refuses what would ship broken", () => {
  it.each<[string[], NodeJS.Platform[]]>([
    [["--win"], ["win32"]],
    [["--windows", "nsis"], ["win32"]],
    [["--linux", "deb"], ["linux"]],
    [["-mwl"], ["darwin", "win32", "linux"]],
    [
      ["--mac", "dmg", "-w"],
      ["darwin", "win32"],
    ],
    [["--dir"], []],
  ])("reads the target systems of %j", (args, systems) => {
    expect(targetSystems(args).sort()).toEqual([...systems].sort());
  });

  it.each<[NodeJS.Platform, string[], string]>([
    ["linux", ["--win"], "Windows"],
    ["linux", ["-mwl"], "macOS and Windows"],
    ["win32", ["--linux", "deb"], "Linux"],
    ["darwin", ["--win"], "Windows"],
  ])(
    "on %s, refuses %j: the native modules are this machine's, and says where to build",
    (platform, args, names) => {
      const plan = planDist({ args, platform, smartcardBuilt: true });
      expect(plan).toEqual({ refuse: expect.stringContaining(`Not building for ${names}`) });
      expect("refuse" in plan && plan.refuse).toContain(`Build it on ${names}`);
    },
  );

  it("builds for this system, with the smartcard module", () => {
    expect(planDist({ args: ["--win", "nsis"], platform: "win32", smartcardBuilt: true })).toEqual({
      builderArgs: ["--win", "nsis"],
      withoutSmartcard: false,
    });
  });

  it.each<[NodeJS.Platform, RegExp]>([
    ["win32", /Visual Studio Build Tools with the "Desktop development with C\+\+" workload/],
    ["linux", /sudo apt-get install libpcsclite-dev/],
    ["darwin", /xcode-select --install/],
  ])("on %s, stops when the smartcard module did not build, naming what to install", (platform, hint) => {
    const plan = planDist({ args: [], platform, smartcardBuilt: false });
    expect("refuse" in plan && plan.refuse).toMatch(hint);
    expect("refuse" in plan && plan.refuse).toContain("--without-smartcard");
    expect(smartcardBuildHint(platform)).toMatch(hint);
  });

  it("builds knowingly without it when asked, and the package says so to the app", () => {
    expect(
      planDist({ args: ["--dir", "--without-smartcard"], platform: "linux", smartcardBuilt: false }),
    ).toEqual({
      builderArgs: ["--dir", "--config.extraMetadata.ccmsSmartcard=left-out"],
      withoutSmartcard: true,
    });
  });
});

describe("build/dist.mjs", () => {
  const run = (args: string[]) =>
    spawnSync(process.execPath, [path.join(root, "build/dist.mjs"), ...args], {
      encoding: "utf8",
      timeout: 30_000,
    });

  it("stops at once, before electron-builder, for another system's installer", () => {
    const other = process.platform === "win32" ? "--linux" : "--win";
    const result = run([other]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^Not building for (Windows|Linux) on /);
    expect(result.stdout).not.toMatch(/electron-builder/);
  });

  it("stops where the smartcard module is not built, naming what to install", () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-dist-plan-"));
    try {
      fs.mkdirSync(path.join(project, "node_modules", "smartcard"), { recursive: true });
      const result = run(["--dir", "--projectDir", project]);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain("The smartcard module (PC/SC) is not built here");
      expect(result.stderr).toContain("npm run dist -- --without-smartcard");
    } finally {
      fs.rmSync(project, { recursive: true, force: true });
    }
  });
});
