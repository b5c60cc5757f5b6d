import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { importedDlls, missingOnCleanWindows, peMachine } from "../../support/pe-imports.js";
import { nodeFilesBelow, shippedNativePackages, windowsModules } from "../../support/windows-kit.js";

/**
 * Nothing a clean Windows lacks: the win32-x64 build of every native package the app ships (the lock
 * file's versions, from the npm registry) imports only DLLs that are part of Windows itself. A DLL of
 * the Visual C++ Redistributable (VCRUNTIME140.dll, MSVCP140.dll, …) would stop the module, and the
 * app's part that needs it, from loading on a locked-down terminal PC.
 */
const packages = shippedNativePackages();
let modules: string;

beforeAll(() => {
  modules = path.join(windowsModules(packages), "node_modules");
}, 180_000);

/** The package's x64 Windows binaries, and those of its per-platform packages (napi-rs: `<name>-win32-x64-msvc`). */
function windowsBinaries(name: string): string[] {
  const dir = path.join(modules, name);
  const siblings = fs
    .readdirSync(path.dirname(dir))
    .filter((entry) => entry.startsWith(`${path.basename(name)}-win32-x64`))
    .map((entry) => path.join(path.dirname(dir), entry));
  return [dir, ...siblings].flatMap(nodeFilesBelow).filter((file) => peMachine(file) === "x64");
}

/** The libraries a node-gyp build links on Windows, from its binding.gyp (`-lwinscard`, `foo.lib`). */
function gypWindowsLibraries(name: string): string[] | null {
  const gyp = path.join(modules, name, "binding.gyp");
  if (!fs.existsSync(gyp)) return null;
  const text = fs.readFileSync(gyp, "utf8");
  const windows = [...text.matchAll(/\["OS\s*==\s*'win'",\s*\{([\s\S]*?)\}\s*\]/g)]
    .map((m) => m[1] ?? "")
    .join("\n");
  const libraries = [...windows.matchAll(/"libraries"\s*:\s*\[([^\]]*)\]/g)].flatMap((m) =>
    [...(m[1] ?? "").matchAll(/"([^"]+)"/g)].map((lib) => lib[1] ?? ""),
  );
  return libraries.map((lib) => `${lib.replace(/^-l/, "").replace(/\.lib$/i, "")}.dll`);
}

describe("the Windows builds of the native modules the app ships", () => {
  it("finds the app's native packages in the lock file (the simulator's SQLite among them)", () => {
    const names = packages.map((p) => p.name);
    expect(names).toContain("@photostructure/sqlite");
    console.log(
      `Native packages in the lock file: ${packages.map((p) => `${p.name}@${p.version}`).join(", ")}`,
    );
  });

  it.each(packages.map((p) => [p.name]))("%s: imports nothing a clean Windows 10/11 lacks", (name) => {
    const binaries = windowsBinaries(name);
    if (binaries.length === 0) {
      // No Windows binary in the registry: node-gyp builds it on the PC (or the build machine).
      const libraries = gypWindowsLibraries(name);
      expect(
        libraries,
        `${name} has neither a win32-x64 binary nor a binding.gyp to build one`,
      ).not.toBeNull();
      const foreign = (libraries ?? []).filter((dll) => missingOnCleanWindows(dll) !== null);
      expect(foreign, `${name}'s binding.gyp links, on Windows, libraries that are not Windows' own`).toEqual(
        [],
      );
      console.log(
        `${name}: no win32-x64 binary in its npm package (node-gyp builds it on Windows, where the build's ` +
          `imports can be read); its binding.gyp links on Windows: ${(libraries ?? []).join(", ") || "nothing extra"}.`,
      );
      return;
    }
    const problems: string[] = [];
    for (const file of binaries) {
      const dlls = importedDlls(file);
      expect(dlls.length, `${file}: objdump found no import table`).toBeGreaterThan(0);
      for (const dll of dlls) {
        const why = missingOnCleanWindows(dll);
        if (why) problems.push(`${name}: ${path.relative(modules, file)} imports ${dll} (${why})`);
      }
      console.log(`${name}: ${path.relative(modules, file)} imports ${dlls.join(", ")}`);
    }
    expect(problems).toEqual([]);
  });
});

describe("telling Windows' own DLLs from the ones a clean PC lacks", () => {
  it.each([
    ["KERNEL32.dll", null],
    ["ADVAPI32.dll", null],
    ["bcryptprimitives.dll", null],
    ["api-ms-win-crt-runtime-l1-1-0.dll", null],
    ["api-ms-win-core-synch-l1-2-0.dll", null],
    ["WinSCard.dll", null],
    ["VCRUNTIME140.dll", "the Visual C++ Redistributable's, not Windows' own"],
    ["VCRUNTIME140_1.dll", "the Visual C++ Redistributable's, not Windows' own"],
    ["MSVCP140.dll", "the Visual C++ Redistributable's, not Windows' own"],
    ["CONCRT140.dll", "the Visual C++ Redistributable's, not Windows' own"],
    ["VCOMP140.DLL", "the Visual C++ Redistributable's, not Windows' own"],
    ["libstdc++-6.dll", "not part of Windows"],
  ])("%s → %s", (dll, expected) => {
    expect(missingOnCleanWindows(dll)).toBe(expected);
  });

  it("reads a PE file's machine and refuses anything else", () => {
    const x64 = packages.flatMap((p) => windowsBinaries(p.name)).find((file) => file.includes("sqlite"));
    expect(x64 && peMachine(x64)).toBe("x64");
    expect(peMachine(process.execPath)).toBeNull();
  });
});
