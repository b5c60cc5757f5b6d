// Packages the app with electron-builder (configuration: package.json "build"), after `npm run build`.
//   node build/dist.mjs --dir   the unpacked app (release/linux-unpacked on Linux), `npm run dist:dir`
//   node build/dist.mjs [...]   installers for this platform, or those named (--linux deb, --win, …), `npm run dist`
// Other arguments go to electron-builder as they are. With --dir and Electron's binary installed, that
// binary's folder is the Electron distribution; without it, a stand-in distribution made for the purpose
// (build/electron-stand-in.mjs), which yields the Linux app folder for inspection and tests.
// CCMS_RELEASE_OUT puts the output elsewhere than release/.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { electronBinary } from "../bin/launch-plan.mjs";
import { writeStandInElectronDist } from "./electron-stand-in.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const dirOnly = args.includes("--dir");
const projectFlag = args.indexOf("--projectDir");
const projectDir = projectFlag >= 0 ? path.resolve(args[projectFlag + 1] ?? ".") : root;
const electronDir = path.join(projectDir, "node_modules", "electron");
const outDir = process.env.CCMS_RELEASE_OUT ? path.resolve(process.env.CCMS_RELEASE_OUT) : null;

// The printed user guide ships with the app (Help menu). `npm run build` prints it where it finds a
// Chromium, Chrome or Edge; a package without it would be missing its guide. Names: shared/user-guide.ts.
const guides = ["en", "zh-HK"].map((language) =>
  path.join(projectDir, "dist", "guide", `ccms-terminal-user-guide.${language}.pdf`),
);
const missingGuides = guides.filter((file) => !fs.existsSync(file));
if (missingGuides.length > 0) {
  console.error(
    `The user guide is missing (${missingGuides.map((file) => path.relative(process.cwd(), file)).join(", ")}): ` +
      "print it with `npm run guide` (it needs Chromium, Chrome or Edge; CCMS_CHROMIUM names one), then package again.",
  );
  process.exit(1);
}

const builderArgs = [...args];
let standIn = null;
let realDist = null;
if (dirOnly) {
  const binary = electronBinary(electronDir);
  if (binary) {
    realDist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(electronDir, "dist");
    console.log(`Packaging with Electron's binary from ${realDist}.`);
    builderArgs.push(`--config.electronDist=${realDist}`);
  } else {
    const version = JSON.parse(fs.readFileSync(path.join(electronDir, "package.json"), "utf8")).version;
    standIn = writeStandInElectronDist(
      fs.mkdtempSync(path.join(os.tmpdir(), "ccms-electron-stand-in-")),
      version,
    );
    console.log(
      "Electron's binary is not installed here: packaging the Linux app folder with a stand-in Electron " +
        `distribution made for the purpose (Electron ${version}'s layout and fuses, no browser). The folder ` +
        "holds exactly what an installer would ship and can be inspected and tested, but not started; " +
        "package where Electron's binary is installed for an app that starts.",
    );
    if (!args.includes("--linux")) builderArgs.push("--linux");
    builderArgs.push(`--config.electronDist=${standIn}`);
  }
}
if (outDir) builderArgs.push(`--config.directories.output=${outDir}`);

const cli = path.join(root, "node_modules", "electron-builder", "cli.js");
const run = spawnSync(process.execPath, [cli, ...builderArgs], { stdio: "inherit", cwd: projectDir });
if (standIn) fs.rmSync(standIn, { recursive: true, force: true });
if (run.status !== 0) {
  if (!dirOnly) {
    console.error(
      "\nelectron-builder could not build the installers. It downloads Electron and its packaging tools " +
        "(NSIS, AppImage, fpm for .deb) on first use: where that is not possible, `npm run dist:dir` still " +
        "builds the unpacked app.",
    );
  }
  process.exit(run.status ?? 1);
}

if (dirOnly) {
  const out = outDir ?? path.join(projectDir, "release");
  for (const folder of fs.readdirSync(out).filter((name) => name.endsWith("-unpacked"))) {
    const resources = path.join(out, folder, "resources");
    // Electron's sample app comes with its distribution folder; the installers never ship it.
    if (realDist) fs.rmSync(path.join(resources, "default_app.asar"), { force: true });
    console.log(`Unpacked app: ${path.relative(process.cwd(), path.join(out, folder)) || "."}`);
  }
}
