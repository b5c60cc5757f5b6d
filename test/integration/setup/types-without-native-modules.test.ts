import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const hidden = ["smartcard", path.join("@github", "keytar")].map(
  (name) => `${path.join(root, "node_modules", name)}${path.sep}`,
);
const isHidden = (file: string) => hidden.some((folder) => path.resolve(file).startsWith(folder));

/** Type-checks the Node project as a machine would where npm skipped the optional native modules. */
function typeErrorsWithoutNativeModules(): string[] {
  const configFile = path.join(root, "tsconfig.json");
  const { config } = ts.readConfigFile(configFile, (file) => ts.sys.readFile(file));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configFile);
  const host = ts.createCompilerHost(parsed.options);
  host.fileExists = (file) => !isHidden(file) && ts.sys.fileExists(file);
  host.directoryExists = (dir) => !isHidden(`${dir}${path.sep}`) && (ts.sys.directoryExists?.(dir) ?? false);
  host.readFile = (file) => (isHidden(file) ? undefined : ts.sys.readFile(file));
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
  const loaded = program.getSourceFiles().filter((file) => isHidden(file.fileName));
  expect(
    loaded.map((f) => f.fileName),
    "the native modules stay hidden",
  ).toEqual([]);
  return ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))
    .slice(0, 10);
}

describe("type checking", () => {
  it("passes with the smartcard and keytar packages absent from node_modules", () => {
    expect(typeErrorsWithoutNativeModules()).toEqual([]);
  }, 180_000);
});
