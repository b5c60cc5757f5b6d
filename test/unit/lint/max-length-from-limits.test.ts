import path from "node:path";
import { ESLint } from "eslint";
import tseslint from "typescript-eslint";
import local from "../../../lint/index.js";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const eslint = new ESLint({ cwd: root });

/** The rule's messages for `code` as the file `file`, under the real eslint.config.js. */
async function problems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === "local/max-length-from-limits" || message.fatal)
    .map((message) => message.message);
}

const field = (attribute: string, imports = 'import { limits } from "../../../shared/contract/limits.js";') =>
  `${imports}\nexport const Name = () => <input ${attribute} />;\n`;

describe("every maxLength in the renderer comes from shared/contract/limits.ts", () => {
  it("accepts a limit of limits.ts", async () => {
    expect(await problems("renderer/features/x/name.tsx", field("maxLength={limits.userIdMax}"))).toEqual([]);
  });

  it.each([
    ["a number copied by hand", "maxLength={300}", "{300}"],
    ["a string", 'maxLength="256"', '"256"'],
    ["a sum", "maxLength={limits.userIdMax + 1}", "{limits.userIdMax + 1}"],
  ])("refuses %s", async (_what, attribute, shown) => {
    expect(await problems("renderer/features/x/name.tsx", field(attribute))).toEqual([
      expect.stringContaining(`not ${shown}`),
    ]);
  });

  it("refuses a `limits` that is not the one of limits.ts", async () => {
    const own = "const limits = { userIdMax: 300 };";
    expect(
      await problems("renderer/features/x/name.tsx", field("maxLength={limits.userIdMax}", own)),
    ).toEqual([expect.stringContaining("maxLength must be a limit of shared/contract/limits.ts")]);
  });

  it("finds nothing to refuse in the renderer as it is", async () => {
    // This rule alone (the whole configuration over every file takes long): `npm test`'s lint runs all of it.
    const only = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ["**/*.tsx"],
          languageOptions: { parser: tseslint.parser },
          plugins: { local },
          rules: { "local/max-length-from-limits": "error" },
        },
      ],
    });
    const results = await only.lintFiles(["renderer/**/*.tsx"]);
    const found = results.flatMap((result) =>
      result.messages
        .filter((message) => message.ruleId === "local/max-length-from-limits")
        .map((message) => `${path.relative(root, result.filePath)}:${message.line}`),
    );
    expect(results.length).toBeGreaterThan(30);
    expect(found).toEqual([]);
  });
});
