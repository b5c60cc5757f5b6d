import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { builtinModules } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
/** What an installed package brings to the bundles' requires: the native modules, and Node. */
const native = [
  "@photostructure/sqlite",
  "@github/keytar",
  "smartcard",
  "kerberos",
  "bufferutil",
  "utf-8-validate",
  "pino-pretty",
  // pg's optional libpq binding: the simulator uses pg's pure-JavaScript client only.
  "pg-native",
  "electron",
];

let out: string;

beforeAll(() => {
  out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "ccms-qa-build-")), "dist-qa");
  execFileSync(process.execPath, [path.join(root, "build/bundle-qa.mjs")], {
    env: { ...process.env, CCMS_QA_OUT: out },
    stdio: "pipe",
  });
}, 120_000);
afterAll(() => fs.rmSync(path.dirname(out), { recursive: true, force: true }));

const isNode = (name: string) => name.startsWith("node:") || builtinModules.includes(name);

/** The packages a bundle loads at run time, as esbuild recorded them (`dist-qa/meta/<bundle>.json`). */
function externalsOf(bundle: string): string[] {
  const meta = JSON.parse(fs.readFileSync(path.join(out, "meta", `${bundle}.json`), "utf8")) as {
    outputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
  };
  const imports = Object.values(meta.outputs).flatMap((output) => output.imports);
  return [...new Set(imports.filter((item) => item.external).map((item) => item.path))];
}

describe("the QA kit's build", () => {
  it("bundles the programs so they load nothing but Node and the native modules (no tsx, no TypeScript)", () => {
    for (const bundle of [
      "simulator-cli.cjs",
      "password-hash-worker.cjs",
      "web-shell.cjs",
      "ccms-check.cjs",
      "ccms-sim.cjs",
    ]) {
      const foreign = externalsOf(bundle).filter((name) => !isNode(name) && !native.includes(name));
      expect(foreign, bundle).toEqual([]);
    }
    expect(externalsOf("index.js").filter((name) => !isNode(name))).toEqual(["@playwright/test"]);
  });

  it("runs the bundled programs with plain Node", () => {
    // Built outside the checkout: the native modules come from its node_modules, as from an installed package's.
    const env = { ...process.env, NODE_PATH: path.join(root, "node_modules") };
    const printed = execFileSync(process.execPath, [path.join(out, "simulator-cli.cjs"), "openapi"], {
      encoding: "utf8",
      env,
    });
    expect(JSON.parse(printed)).toMatchObject({ openapi: "3.1.0" });
    for (const program of ["ccms-sim", "ccms-check"]) {
      expect(
        execFileSync(process.execPath, [path.join(out, `${program}.cjs`), "--help"], {
          encoding: "utf8",
          env,
        }),
      ).toMatch(new RegExp(`^Usage: ${program}`));
    }
  });

  it("declares the kit's types without the schema library the package does not install", () => {
    const types = path.join(out, "types/qa");
    const seen = new Set<string>();
    const outside = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const declarations = fs.readFileSync(file, "utf8");
      for (const match of declarations.matchAll(
        /^(?:import|export)\b[^;]*? from "([^"]+)"|\bimport\("([^"]+)"\)/gm,
      )) {
        const target = match[1] ?? match[2] ?? "";
        if (target.startsWith(".")) visit(path.resolve(path.dirname(file), target.replace(/\.js$/, ".d.ts")));
        else outside.add(target);
      }
    };
    visit(path.join(types, "index.d.ts"));
    expect(
      [...seen].every((file) => file.startsWith(types)),
      "declarations reach only the kit's own",
    ).toBe(true);
    expect([...outside].sort()).toEqual(["@playwright/test", "playwright/test"]);
  });
});
