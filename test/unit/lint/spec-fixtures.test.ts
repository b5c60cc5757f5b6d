import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
/** The suite's fixtures, built on the QA kit's: every page of a test fails it on an uncaught error. */
const suiteFixtures = [path.join(root, "test/e2e/web/fixtures.ts")];

function specs(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".spec.ts"))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** Where a spec takes `test` from: each import of a binding named `test`, as the file's path (or package). */
function testSources(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const bindings = statement.importClause?.namedBindings;
    if (!bindings || !ts.isNamedImports(bindings)) continue;
    const importsTest = bindings.elements.some(
      (element) => (element.propertyName ?? element.name).text === "test",
    );
    if (!importsTest) continue;
    const from = statement.moduleSpecifier.text;
    found.push(from.startsWith(".") ? path.resolve(path.dirname(file), from).replace(/\.js$/, ".ts") : from);
  }
  return found;
}

describe("every end-to-end spec", () => {
  it("takes its `test` from the suite's fixtures, whose page-error rule covers every page it opens", () => {
    const files = specs(path.join(root, "test/e2e"));
    expect(files.length).toBeGreaterThan(25);
    const astray = files
      .map((file) => ({ spec: path.relative(root, file), from: testSources(file) }))
      .filter(({ from }) => from.length !== 1 || !suiteFixtures.includes(from[0] ?? ""));
    expect(astray).toEqual([]);
  });
});
