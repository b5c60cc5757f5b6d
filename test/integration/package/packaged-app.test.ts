import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { FuseV1Options, getCurrentFuseWire } from "@electron/fuses";
import { Packager } from "electron-builder";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { electronBinary } from "../../../bin/launch-plan.mjs";
import { projectRoot, runBundledMain, standInDir as standIn } from "../../support/electron-bundles.js";
import {
  extractApp,
  filesBelow,
  packageApp,
  withoutNodePath,
  type PackagedApp,
} from "../../support/packaged-app.js";
import { ensurePcscd, pcscSkipReason, type PcscdHandle } from "../../support/pcscd.js";

/** The native modules the bundles load: each must ship, unpacked, with its binary for this platform. */
const nativeModules = ["@photostructure/sqlite", "smartcard", "@github/keytar"];
const RESOURCES_BUDGET_BYTES = 12 * 1024 * 1024;
/** The printed user guide, both languages: documentation with a budget of its own. */
const USER_GUIDE_BUDGET_BYTES = 3 * 1024 * 1024;
const userGuides = ["en", "zh-HK"].map((language) => `dist/guide/ccms-terminal-user-guide.${language}.pdf`);

let app: PackagedApp;

beforeAll(() => {
  app = packageApp("package");
}, 240_000);

afterAll(() => app?.remove());

describe("npm run dist:dir", () => {
  it("says which Electron distribution it packaged with: the installed binary, or the stand-in made for the purpose", () => {
    const binary = electronBinary(path.join(projectRoot, "node_modules/electron"));
    if (binary) expect(app.output).toContain("Packaging with Electron's binary");
    else expect(app.output).toContain("packaging the Linux app folder with a stand-in Electron distribution");
    expect(fs.existsSync(path.join(app.resources, "app.asar"))).toBe(true);
  });
});

describe("the package holds only what runs", () => {
  let extracted: string;
  let files: string[];
  let unpacked: string[];

  beforeAll(() => {
    extracted = extractApp(app);
    files = filesBelow(extracted);
    unpacked = filesBelow(path.join(app.resources, "app.asar.unpacked"));
  });
  afterAll(() => fs.rmSync(extracted, { recursive: true, force: true }));

  it("has the bundles, the built renderer and package.json at its top, nothing else of ours", () => {
    const top = new Set(files.filter((file) => !file.startsWith("node_modules/")).map(topTwo));
    expect([...top].sort()).toEqual([
      "dist-electron/main.cjs",
      "dist-electron/password-hash-worker.cjs",
      "dist-electron/preload.cjs",
      "dist-electron/simulator.cjs",
      "dist-electron/virtual-card-worker.cjs",
      "dist/guide",
      "dist/renderer",
      "package.json",
    ]);
    expect(files).toContain("dist/renderer/index.html");
  });

  it("ships the user guide in both languages outside the asar, where a PDF viewer can open it", () => {
    for (const guide of userGuides) {
      expect(unpacked, guide).toContain(guide);
      expect(
        fs
          .readFileSync(path.join(app.resources, "app.asar.unpacked", guide))
          .subarray(0, 5)
          .toString(),
      ).toBe("%PDF-");
    }
  });

  it("has every bundle the main and simulator bundles name beside themselves (a preload, a process, a worker)", () => {
    const named = new Set<string>();
    for (const bundle of ["main.cjs", "simulator.cjs"]) {
      const source = fs.readFileSync(path.join(extracted, "dist-electron", bundle), "utf8");
      for (const match of source.matchAll(/["'](?:\.\/)?([\w-]+\.cjs)["']/g)) named.add(match[1] ?? "");
    }
    expect([...named]).toEqual(
      expect.arrayContaining([
        "preload.cjs",
        "simulator.cjs",
        "password-hash-worker.cjs",
        "virtual-card-worker.cjs",
      ]),
    );
    for (const name of named) expect(files, name).toContain(`dist-electron/${name}`);
  });

  it("ships no build tools, no source maps, no sources, no tests and no other platform's binaries", () => {
    const modules = new Set(files.filter((file) => file.startsWith("node_modules/")).map(packageOf));
    for (const tool of [
      "tsx",
      "esbuild",
      "@esbuild",
      "typescript",
      "vite",
      "vitest",
      "electron",
      "electron-builder",
    ]) {
      expect(modules, tool).not.toContain(tool);
    }
    expect(files.filter((file) => file.endsWith(".map"))).toEqual([]);
    expect(
      files.filter(
        (file) =>
          /(^|\/)(tests?|__tests__|src|fixtures)\//.test(file) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(file),
      ),
    ).toEqual([]);
    expect(files.filter((file) => /\.(ts|tsx|mts|cts|cc|cpp|c|h|gyp|gypi)$/.test(file))).toEqual([]);
    expect(files.filter((file) => /\/build\/Release\/(obj\.target|\.deps)\//.test(file))).toEqual([]);
    const platform = `${process.platform}-${process.arch}`;
    expect(
      files.filter((file) => /\/prebuilds\//.test(file) && !file.includes(`/prebuilds/${platform}/`)),
    ).toEqual([]);
  });

  it("holds exactly the native modules the bundles load and what they need to load, each unpacked from the asar with its .node", () => {
    const modules = new Set(files.filter((file) => file.startsWith("node_modules/")).map(packageOf));
    expect([...modules].sort()).toEqual([...nativeModules, "node-gyp-build"].sort());
    for (const name of nativeModules) {
      expect(unpacked, name).toContain(`node_modules/${name}/package.json`);
      const binaries = unpacked.filter((file) => packageOf(file) === name && file.endsWith(".node"));
      expect(binaries.length, name).toBeGreaterThan(0);
    }
    // The binaries of the package are all unpacked: the asar's own copy of a .node cannot be loaded.
    const binaries = files.filter((file) => file.endsWith(".node"));
    expect(binaries.filter((file) => !unpacked.includes(file))).toEqual([]);
  });

  it("keeps resources (asar and unpacked files) within 12 MB, and the user guide within 3 MB of its own", () => {
    const asar = fs.statSync(path.join(app.resources, "app.asar")).size;
    const sizeOf = (file: string) => fs.statSync(path.join(app.resources, "app.asar.unpacked", file)).size;
    const guides = userGuides.reduce((sum, file) => sum + sizeOf(file), 0);
    const loose = unpacked.reduce((sum, file) => sum + sizeOf(file), 0) - guides;
    expect(asar + loose).toBeLessThanOrEqual(RESOURCES_BUDGET_BYTES);
    expect(guides).toBeLessThanOrEqual(USER_GUIDE_BUDGET_BYTES);
  });
});

describe("the packaged app, extracted from app.asar and run", () => {
  let extracted: string;
  let pcscd: PcscdHandle | null = null;
  // npm test installs pcscd and vpcd (build/prepare/system-packages.mjs): without them the reader's check fails.
  const pcscMissing = pcscSkipReason();

  beforeAll(async () => {
    extracted = extractApp(app);
    if (!pcscMissing) pcscd = await ensurePcscd();
  }, 60_000);
  afterAll(async () => {
    await pcscd?.stop();
    fs.rmSync(extracted, { recursive: true, force: true });
  });

  it("signs in with password + OTP against the built-in simulator, runs the connectivity check, lists the smartcard readers, and loads every file from the package", async () => {
    const data = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-packaged-data-"));
    const loadedLog = path.join(data, "loaded-files.jsonl");
    const { code, stderr, lines } = await runBundledMain(
      path.join(extracted, "dist-electron/main.cjs"),
      "drive-packaged-app.cjs",
      {
        dataDir: path.join(data, "app"),
        cwd: extracted,
        // No NODE_PATH: the packaged bundles find their modules in the package or not at all.
        env: {
          ...withoutNodePath(process.env),
          CCMS_LOADED_FILES_LOG: loadedLog,
          NODE_OPTIONS: `--require ${path.join(standIn, "report-loaded-files.cjs")}`,
        },
      },
    );
    try {
      expect(code, stderr).toBe(0);
      const find = (key: string) => lines.find((line) => key in line)?.[key];
      expect(find("driverError")).toBeUndefined();

      // The renderer, as app:// serves it to the window from the package: every file of it is reached
      // from the page, chunks loaded on demand included (each language's strings among them), and served.
      const renderer = find("renderer") as { path: string; status: number; bytes: number }[];
      for (const asset of renderer) expect(asset, asset.path).toMatchObject({ status: 200 });
      const shipped = filesBelow(path.join(extracted, "dist/renderer"));
      expect(renderer.map((asset) => asset.path).sort()).toEqual(shipped);
      for (const language of ["en", "zh-HK"])
        expect(shipped.some((file) => new RegExp(`^assets/${language}-[\\w-]+\\.js$`).test(file))).toBe(true);

      // The utility process ran the packaged simulator bundle.
      const fork = lines.find((line) => "utilityFork" in line);
      expect(fork).toMatchObject({ utilityFork: "simulator.cjs" });
      expect(find("info")).toMatchObject({
        ok: true,
        value: { server: { profile: "builtin", starting: false }, serverProblem: null },
      });
      expect(find("begin")).toMatchObject({ ok: true, value: { state: "OTP_REQUIRED" } });
      expect(find("verify")).toMatchObject({
        ok: true,
        value: { state: "SUCCESS", session: { userId: "demo.user" } },
      });

      const check = find("check") as {
        ok: boolean;
        value: { result: { status: string; steps: { id: string; status: string }[] } };
      };
      expect(check.ok).toBe(true);
      expect(check.value.result.status).toBe("pass");
      // The desktop's check starts with the page through Chromium's stack (here the stand-in's).
      expect(check.value.result.steps.map((step) => step.id)).toEqual([
        "browser",
        "proxy",
        "dns",
        "tcp",
        "tls",
        "http",
        "page",
      ]);

      const smartcard = find("smartcard") as {
        ok: boolean;
        value: { readers: { name: string; backend: string }[]; problems: { code: string }[] };
      };
      expect(smartcard.ok).toBe(true);
      expect(smartcard.value.problems.map((problem) => problem.code)).not.toContain("NATIVE_MODULE_MISSING");
      expect(smartcard.value.readers).toContainEqual(expect.objectContaining({ backend: "simulated" }));
      expect(smartcard.value.readers, pcscMissing ?? "pcscd lists no virtual reader").toContainEqual(
        expect.objectContaining({ backend: "pcsc", name: expect.stringMatching(/^Virtual PCD/) }),
      );
      // The keychain module loaded; whether a Secret Service answers is this machine's business.
      const network = find("network") as { ok: boolean; value: { keychain: { reason: string | null } } };
      expect(network.ok).toBe(true);
      expect(network.value.keychain.reason ?? "").not.toMatch(/could not be loaded/);

      // Every module either process loaded (JavaScript and .node) came from the package or the stand-in.
      const processes = fs
        .readFileSync(loadedLog, "utf8")
        .trim()
        .split("\n")
        .map((line) => JSON.parse(line) as { argv: string[]; files: string[] });
      expect(processes.map((each) => path.basename(each.argv[0] ?? "")).sort()).toEqual([
        "main.cjs",
        "simulator.cjs",
      ]);
      const loaded = processes.flatMap((each) => each.files);
      const foreign = loaded.filter(
        (file) => !file.startsWith(`${extracted}${path.sep}`) && !file.startsWith(`${standIn}${path.sep}`),
      );
      expect(foreign).toEqual([]);
      const nativeLoaded = loaded
        .filter((file) => file.endsWith(".node"))
        .map((file) => packageOf(path.relative(extracted, file)));
      expect(new Set(nativeLoaded)).toEqual(
        new Set(["@photostructure/sqlite", "smartcard", "@github/keytar"]),
      );
    } finally {
      fs.rmSync(data, { recursive: true, force: true });
    }
  }, 180_000);

  it("starts the practice card's worker thread from the package", async () => {
    // A card file it cannot read: the thread loads, checks it with its own code and says so.
    const worker = new Worker(path.join(extracted, "dist-electron/virtual-card-worker.cjs"), {
      workerData: { card: { format: "not a card" } },
    });
    try {
      const message = await new Promise((resolve, reject) => {
        worker.once("message", resolve);
        worker.once("error", reject);
      });
      expect(message).toEqual({ type: "failed", message: "This is not a card file." });
    } finally {
      await worker.terminate();
    }
  });
});

describe("the build configuration, as electron-builder reads it", () => {
  let config: Packager["config"];
  let metadata: Packager["metadata"];

  beforeAll(async () => {
    const packager = new Packager({ projectDir: projectRoot });
    await packager.validateConfig();
    config = packager.config;
    metadata = packager.metadata;
  }, 60_000);

  it("sets Electron's fuses, and the packaged executable has them: run as Node, NODE_OPTIONS and inspect arguments off; cookie encryption, ASAR integrity and the app only from the ASAR on", async () => {
    const fuses = config.electronFuses;
    expect(fuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    const wire = await getCurrentFuseWire(path.join(app.appDir, "ccms-terminal"));
    const state = (option: FuseV1Options) => String.fromCharCode(Number(wire[option]));
    const expected: [FuseV1Options, boolean | undefined][] = [
      [FuseV1Options.RunAsNode, fuses?.runAsNode],
      [FuseV1Options.EnableCookieEncryption, fuses?.enableCookieEncryption],
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable, fuses?.enableNodeOptionsEnvironmentVariable],
      [FuseV1Options.EnableNodeCliInspectArguments, fuses?.enableNodeCliInspectArguments],
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation, fuses?.enableEmbeddedAsarIntegrityValidation],
      [FuseV1Options.OnlyLoadAppFromAsar, fuses?.onlyLoadAppFromAsar],
      [FuseV1Options.GrantFileProtocolExtraPrivileges, fuses?.grantFileProtocolExtraPrivileges],
    ];
    for (const [option, on] of expected) expect(state(option), FuseV1Options[option]).toBe(on ? "1" : "0");
  });

  it("builds installers IT can deploy: NSIS per user unless asked per machine, a hardened dmg allowed the smartcard, AppImage and a deb that recommends pcscd", () => {
    expect(config.win?.target).toEqual(["nsis"]);
    // IT starts it by name: "CCMS Terminal.exe" --check (Linux keeps the executable ccms-terminal).
    expect(config.win?.executableName).toBe("CCMS Terminal");
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      selectPerMachineByDefault: false,
      allowElevation: true,
    });
    expect(config.mac).toMatchObject({ target: ["dmg"], hardenedRuntime: true });
    const entitlements = fs.readFileSync(
      path.join(projectRoot, config.mac?.entitlements ?? "missing"),
      "utf8",
    );
    expect(entitlements).toMatch(/<key>com\.apple\.security\.device\.smartcard<\/key>\s*<true\/>/);
    expect(entitlements).toMatch(/<key>com\.apple\.security\.cs\.allow-jit<\/key>\s*<true\/>/);
    expect(config.linux?.target).toEqual(["AppImage", "deb"]);
    expect(config.deb?.recommends).toContain("pcscd");
    // A .deb needs a homepage and a maintainer with an email address.
    expect(metadata.homepage).toMatch(/^https:\/\//);
    expect(config.linux?.maintainer).toMatch(/<[^@>]+@[^>]+>/);
  });

  it("keeps signing out of the repository: no certificate, password or Apple credential in the configuration", () => {
    const secrets =
      /"(cscLink|cscKeyPassword|certificateFile|certificatePassword|appleId|appleIdPassword|appleApiKey|teamId)"/;
    expect(JSON.stringify(config)).not.toMatch(secrets);
  });
});

/** `node_modules/@scope/name/…` → `@scope/name`; `node_modules/name/…` → `name`. */
function packageOf(file: string): string {
  const parts = file.split("/");
  return parts[1]?.startsWith("@") ? `${parts[1]}/${parts[2]}` : (parts[1] ?? "");
}

/** `dist-electron/main.cjs` stays whole; a file deeper down is named by its first two folders. */
function topTwo(file: string): string {
  const parts = file.split("/");
  return parts.length <= 2 ? file : parts.slice(0, 2).join("/");
}
