import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildBundles } from "../../support/electron-bundles.js";
import { externalPackages, nativeAbiOf, nativeFiles, packageClosure } from "../../support/native-modules.js";

/**
 * One native build for Node and Electron: every `.node` file the Electron
 * bundles can reach (their external packages and everything those depend on)
 * must be N-API, so the files installed for Node load in Electron unchanged.
 */
const root = path.resolve(import.meta.dirname, "../../..");
let work: string;

beforeAll(() => {
  work = buildBundles("native");
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("native modules reachable from the Electron bundles", () => {
  it("are all N-API: napi_register_module_v1 exported, no node_register_module_v*", () => {
    const packages = new Set<string>();
    for (const bundle of ["main.cjs", "simulator.cjs"]) {
      const source = fs.readFileSync(path.join(work, "dist-electron", bundle), "utf8");
      for (const name of externalPackages(source)) packages.add(name);
    }
    // Electron itself is the runtime, not a module it loads.
    const folders = packageClosure([...packages], root, ["electron"]);
    const files = folders.flatMap(nativeFiles);
    const relative = (file: string) => path.relative(root, file);
    // The simulator's SQLite is among them: the walk reaches what the bundles load. (Its password
    // hashing is WebAssembly, inlined in the bundles: no native module.)
    expect(files.map(relative).join("\n")).toMatch(/@photostructure\/sqlite\/prebuilds\/linux-x64\//);
    const notNapi = files
      .map((file) => ({ file: relative(file), ...nativeAbiOf(file) }))
      .filter((module) => !module.napi || module.nodeAbi.length > 0);
    expect(notNapi, "native modules tied to one Node ABI (they would not load in Electron)").toEqual([]);
    console.log(`Checked ${files.length} native module file(s) in ${folders.length} package(s): all N-API.`);
  });
});

describe("telling an N-API module from an ABI-bound one", () => {
  const compiler = spawnSync("cc", ["--version"]).status === 0;
  if (!compiler) console.log("Skipping the N-API detector's own check: no C compiler (cc) on this machine.");

  it.skipIf(!compiler)(
    "flags a module that exports node_register_module_v115, passes one with napi_register_module_v1",
    () => {
      const build = (name: string, symbol: string) => {
        const source = path.join(work, `${name}.c`);
        fs.writeFileSync(source, `void ${symbol}(void) {}\n`);
        const file = path.join(work, `${name}.node`);
        execFileSync("cc", ["-shared", "-fPIC", "-o", file, source]);
        return file;
      };
      expect(nativeAbiOf(build("abi-bound", "node_register_module_v115"))).toEqual({
        napi: false,
        nodeAbi: ["node_register_module_v115"],
        readBy: "nm",
      });
      expect(nativeAbiOf(build("napi", "napi_register_module_v1"))).toEqual({
        napi: true,
        nodeAbi: [],
        readBy: "nm",
      });
    },
  );

  it("reads another platform's build by its export names", () => {
    const file = path.join(work, "other-platform.node");
    // Not ELF: a Mach-O header and a string table, as a macOS prebuild has.
    fs.writeFileSync(
      file,
      Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe]), Buffer.from("\0_node_register_module_v127\0")]),
    );
    expect(nativeAbiOf(file)).toEqual({
      napi: false,
      nodeAbi: ["node_register_module_v127"],
      readBy: "bytes",
    });
  });

  it("finds the packages a bundle loads, not Node's own modules", () => {
    const source = `require("node:fs"); require("path"); require("@scope/pkg/deep/file.js"); import("smartcard"); require("fastify/lib/x")`;
    expect(externalPackages(source)).toEqual(["@scope/pkg", "fastify", "smartcard"]);
  });
});
