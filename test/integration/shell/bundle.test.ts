import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBundles, runBundledMain } from "../../support/electron-bundles.js";
import { databaseFile, Db } from "../../../simulator/store/database.js";

const root = path.resolve(import.meta.dirname, "../../..");

let work: string;

/** The preload carries names, not schemas (see docs/architecture.md). */
const PRELOAD_BUDGET_BYTES = 20 * 1024;

beforeAll(() => {
  work = buildBundles("bundle");
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("the esbuild bundles", () => {
  it("writes a CommonJS main, the simulator's own bundle, and a preload that needs nothing but electron", () => {
    const preload = fs.readFileSync(path.join(work, "dist-electron/preload.cjs"), "utf8");
    const required = [...preload.matchAll(/require\("([^"]+)"\)/g)].map((match) => match[1]);
    expect(new Set(required)).toEqual(new Set(["electron"]));
    const main = fs.readFileSync(path.join(work, "dist-electron/main.cjs"), "utf8");
    // The main process no longer carries the simulator (nor its SQLite and argon2): its own bundle does.
    expect(main).not.toMatch(/require\("(@photostructure\/sqlite|@node-rs\/argon2)"\)/);
    const simulator = fs.readFileSync(path.join(work, "dist-electron/simulator.cjs"), "utf8");
    expect(simulator).toMatch(/require\("@photostructure\/sqlite"\)/);
  });

  it("keeps the preload within 20 KB: names and createApi, never zod or a schema", async () => {
    const preload = fs.statSync(path.join(work, "dist-electron/preload.cjs")).size;
    expect(preload, `preload.cjs is ${preload} bytes`).toBeLessThanOrEqual(PRELOAD_BUDGET_BYTES);
    // Which modules the preload's imports reach, whatever the build's minification does with them.
    const { metafile } = await build({
      entryPoints: [path.join(root, "electron/preload/index.ts")],
      bundle: true,
      platform: "node",
      format: "cjs",
      external: ["electron"],
      metafile: true,
      write: false,
      logLevel: "silent",
    });
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.filter((file) => file.includes("node_modules"))).toEqual([]);
    expect(inputs.filter((file) => !/^(electron\/preload|shared)\//.test(file))).toEqual([]);
  });

  it('makes every bundle strict: a "use strict" directive is its first statement', () => {
    for (const name of ["main", "simulator", "preload"]) {
      const source = fs.readFileSync(path.join(work, `dist-electron/${name}.cjs`), "utf8");
      expect(source.startsWith('"use strict";'), name).toBe(true);
    }
  });

  it("runs the bundled main process without --server: the built-in simulator in a utility process, password + OTP over IPC, a clean quit", async () => {
    const dataDir = path.join(work, "data");
    const { code, stderr, lines } = await runBundledMain(
      path.join(work, "dist-electron/main.cjs"),
      "drive-sign-in.cjs",
      {
        dataDir,
        cwd: work,
        // The bundles sit outside the project here; their native externals come from the project's node_modules.
        env: { ...process.env, NODE_PATH: path.join(root, "node_modules") },
      },
    );
    expect(code, stderr).toBe(0);
    const find = (key: string) => lines.find((line) => key in line)?.[key];
    const indexOf = (key: string) => lines.findIndex((line) => key in line);

    expect(find("driverError")).toBeUndefined();
    expect(find("window")).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
    expect(find("loadURL")).toBe("app://ccms/index.html");
    // The simulator's own bundle, found beside the main bundle, in a utility process.
    expect(find("utilityFork")).toBe("simulator.cjs");
    expect(lines.find((line) => "utilityFork" in line)).toMatchObject({
      serviceName: "CCMS built-in simulator",
    });
    // The window opened without waiting for the simulator, which was still starting.
    expect(indexOf("loadURL")).toBeLessThan(indexOf("info"));
    expect(find("infoWhileStarting")).toMatchObject({
      ok: true,
      value: { server: { profile: "builtin", simulated: true, starting: true }, serverProblem: null },
    });
    expect(find("beginWhileStarting")).toMatchObject({ ok: false, error: { code: "SERVER_STARTING" } });
    expect(find("info")).toMatchObject({
      ok: true,
      value: {
        version: "9.9.9",
        shell: "electron",
        server: { profile: "builtin", simulated: true, starting: false },
        serverProblem: null,
      },
    });
    expect(find("begin")).toMatchObject({ ok: true, value: { state: "OTP_REQUIRED" } });
    expect(find("verify")).toMatchObject({
      ok: true,
      value: { state: "SUCCESS", session: { userId: "demo.user" } },
    });
    expect(find("bad")).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    // Quitting stopped the simulator's process cleanly before the app went.
    expect(lines.find((line) => "utilityExit" in line)).toEqual({ utilityExit: 0, signal: null });
    expect(indexOf("utilityExit")).toBeLessThan(indexOf("quit"));

    const dbFile = databaseFile(path.join(dataDir, "simulator"));
    expect(fs.statSync(`${dbFile}-wal`).size).toBe(0);
    const db = Db.open(dbFile, { readOnly: true });
    try {
      expect(db.pragma("integrity_check")).toBe("ok");
      const sessions = db
        .prepare<[], { user_key: string; revoked_at: number | null }>(
          "SELECT user_key, revoked_at FROM sessions",
        )
        .all();
      expect(sessions).toEqual([{ user_key: "demo.user", revoked_at: null }]);
    } finally {
      db.close();
    }
  }, 180_000);
});
