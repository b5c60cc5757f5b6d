import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";

/** The packages a bundle loads at run time: its `require("x")` and `import("x")` of anything not built in. */
export function externalPackages(bundleSource: string): string[] {
  const builtins = new Set(builtinModules);
  const names = new Set<string>();
  for (const match of bundleSource.matchAll(/\b(?:require|import)\(\s*"([^".][^"]*)"\s*\)/g)) {
    const specifier = match[1] ?? "";
    if (specifier.startsWith("node:") || builtins.has(specifier.split("/")[0] ?? "")) continue;
    const parts = specifier.split("/");
    names.add(specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? ""));
  }
  return [...names].sort();
}

/** The folder of package `name` as Node would find it from `fromDir`, or null when it is not installed. */
function packageDir(name: string, fromDir: string): string | null {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (fs.existsSync(path.join(candidate, "package.json"))) return fs.realpathSync(candidate);
    if (path.dirname(dir) === dir) return null;
  }
}

/** The installed folders of `names` and of everything they depend on (optional dependencies included). */
export function packageClosure(names: string[], fromDir: string, skip: string[] = []): string[] {
  const seen = new Set<string>();
  const visit = (name: string, from: string) => {
    if (skip.includes(name)) return;
    const dir = packageDir(name, from);
    if (dir === null || seen.has(dir)) return;
    seen.add(dir);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as {
      dependencies?: Record<string, string>;
      optionalDependencies?: Record<string, string>;
    };
    for (const dependency of Object.keys({ ...manifest.dependencies, ...manifest.optionalDependencies }))
      visit(dependency, dir);
  };
  for (const name of names) visit(name, fromDir);
  return [...seen].sort();
}

/** Every `.node` file of a package, not looking into the packages it holds in its own node_modules. */
export function nativeFiles(packageFolder: string): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory() && entry.name !== "node_modules") walk(full);
      else if (entry.isFile() && entry.name.endsWith(".node")) found.push(full);
    }
  };
  walk(packageFolder);
  return found;
}

export interface NativeAbi {
  /** Exports `napi_register_module_v1`: loads in any Node or Electron with N-API 1+. */
  napi: boolean;
  /** The `node_register_module_v<ABI>` it exports: tied to one Node ABI. */
  nodeAbi: string[];
  /** How it was read: `nm -D` for this platform's ELF files, the export names' bytes for other platforms' builds. */
  readBy: "nm" | "bytes";
}

/** Which registration a native module exports. */
export function nativeAbiOf(file: string): NativeAbi {
  const bytes = fs.readFileSync(file);
  const isElf = bytes.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
  const names = isElf
    ? execFileSync("nm", ["-D", "--defined-only", file], { encoding: "utf8" })
        .split("\n")
        .map((line) => line.trim().split(/\s+/).at(-1) ?? "")
    : [...bytes.toString("latin1").matchAll(/(?:napi|node)_register_module_v\d+/g)].map((match) => match[0]);
  return {
    napi: names.includes("napi_register_module_v1"),
    nodeAbi: [...new Set(names.filter((name) => /^node_register_module_v\d+$/.test(name)))],
    readBy: isElf ? "nm" : "bytes",
  };
}
