import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * The optional native modules: npm skips one without a word when its system library is missing at
 * install time, and installing the library later does not bring it back. Each is checked here.
 */
export const optionalNativeModules = [
  {
    name: "smartcard",
    part: "PC/SC smartcard access",
    built: "build/Release/smartcard_napi.node",
    library: { debian: "libpcsclite-dev", pkgConfig: "libpcsclite" },
  },
  {
    name: "@github/keytar",
    part: "OS keychain",
    built: "build/Release/keytar.node",
    library: { debian: "libsecret-1-dev", pkgConfig: "libsecret-1" },
  },
];

/** On Linux the module builds against a library's development files; elsewhere the OS brings them. */
export function libraryPresent(module) {
  if (process.platform !== "linux") return true;
  return spawnSync("pkg-config", ["--exists", module.library.pkgConfig]).status === 0;
}

export const isBuilt = (root, module) =>
  fs.existsSync(path.join(root, "node_modules", module.name, module.built));

/** Whether Node can load it: the build exists and its shared library resolves. */
export function loads(root, module) {
  const probe = spawnSync(process.execPath, ["-e", `require(${JSON.stringify(module.name)})`], {
    cwd: root,
    encoding: "utf8",
  });
  return probe.status === 0
    ? { ok: true }
    : { ok: false, why: (probe.stderr.trim().split("\n")[0] ?? "").slice(0, 200) };
}

function declared(root) {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
  return { ...manifest.dependencies, ...manifest.optionalDependencies };
}

function lockedVersion(root, name, range) {
  try {
    const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8"));
    return lock.packages?.[`node_modules/${name}`]?.version ?? range;
  } catch {
    return range;
  }
}

const npm = (root, args) =>
  spawnSync("npm", [...args, "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd: root,
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: "1" },
  });

/**
 * Builds again every optional native module of `root` that is missing while its system library is
 * present: `npm rebuild` when the package is there without its build, a no-save install of the
 * locked version when npm left no folder for it. Returns what it did, module by module.
 */
export function healNativeModules(root, log) {
  const wanted = declared(root);
  const done = [];
  for (const module of optionalNativeModules) {
    if (!(module.name in wanted) || isBuilt(root, module) || !libraryPresent(module)) continue;
    const folder = fs.existsSync(path.join(root, "node_modules", module.name, "package.json"));
    log(`The ${module.name} module is missing while ${module.library.debian} is installed: building it.`);
    const result = folder
      ? npm(root, ["rebuild", module.name])
      : npm(root, [
          "install",
          "--no-save",
          `${module.name}@${lockedVersion(root, module.name, wanted[module.name])}`,
        ]);
    done.push({
      name: module.name,
      how: folder ? "rebuilt" : "installed",
      ok: result.status === 0 && isBuilt(root, module),
    });
  }
  return done;
}
