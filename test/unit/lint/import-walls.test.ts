import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const eslint = new ESLint({ cwd: root });

/** The project's own rules' messages for `code` as if it were the file `file`, under the real eslint.config.js. */
async function localProblems(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId?.startsWith("local/")).map((m) => m.message);
}

describe("import walls", () => {
  it("refuses a preload file that imports node:fs and the composition root", async () => {
    const problems = await localProblems(
      "electron/preload/extra.ts",
      'import fs from "node:fs";\nimport { createServices } from "../host/create-services.js";\nexport { fs, createServices };\n',
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^electron\/preload\/ may not import node:fs: it may import electron, shared\/\*\*/,
      ),
      expect.stringMatching(/^electron\/preload\/ may not import electron\/host\/create-services\.ts/),
    ]);
  });

  it("refuses any file in a folder that declares no imports, such as a new electron/newshell/", async () => {
    const problems = await localProblems(
      "electron/newshell/shell.ts",
      'import { startSimulator } from "../../simulator/index.js";\nexport { startSimulator };\n',
    );
    expect(problems).toEqual([expect.stringMatching(/^The folder electron\/newshell\/ declares no imports/)]);
  });

  it("lets the preload import electron and a module of shared/ that loads no zod", async () => {
    const problems = await localProblems(
      "electron/preload/extra.ts",
      'import { contextBridge } from "electron";\nimport { passwordRules } from "../../shared/wire/password-rules.js";\nexport { contextBridge, passwordRules };\n',
    );
    expect(problems).toEqual([]);
  });

  it("refuses a preload import that loads zod, directly or through shared/, but not a type-only one", async () => {
    expect(
      await localProblems(
        "electron/preload/extra.ts",
        'import { z } from "zod";\nexport const s = z.string();\n',
      ),
    ).toEqual([expect.stringMatching(/^electron\/preload\/ may not import zod/)]);
    expect(
      await localProblems(
        "electron/preload/extra.ts",
        'import { authnStates } from "../../shared/wire/authn.js";\nexport { authnStates };\n',
      ),
    ).toEqual([
      expect.stringMatching(
        /^electron\/preload\/ may not load zod, and shared\/wire\/authn\.ts does: .*→ zod/,
      ),
    ]);
    expect(
      await localProblems(
        "electron/preload/extra.ts",
        'import type { AuthnState } from "../../shared/wire/authn.js";\nexport type S = AuthnState;\n',
      ),
    ).toEqual([]);
  });

  it("keeps each room to its walls", async () => {
    const cases: [string, string, RegExp][] = [
      ["renderer/x.ts", 'import { app } from "electron";', /^renderer\/ may not import electron:/],
      ["renderer/x.ts", 'import fs from "node:fs";', /^renderer\/ may not import node:fs:/],
      ["renderer/x.ts", 'import "../simulator/index.js";', /^renderer\/ may not import simulator\/index\.ts/],
      [
        "electron/services/x.ts",
        'import { app } from "electron";',
        /^electron\/services\/ may not import electron:/,
      ],
      ["electron/services/x.ts", 'import "../host/config.js";', /may not import electron\/host\/config\.ts/],
      [
        "simulator/x.ts",
        'import "../shared/contract/index.js";',
        /may not import shared\/contract\/index\.ts/,
      ],
      ["simulator/x.ts", 'import axios from "axios";', /^simulator\/ may not import axios:/],
      ["shared/x.ts", 'import "../renderer/main.js";', /^shared\/ may not import renderer\/main/],
      ["electron/web/x.ts", 'import "../services/http/index.js";', /may not import electron\/services\//],
    ];
    for (const [file, code, expected] of cases) {
      expect(await localProblems(file, `${code}\nexport {};\n`), `${file}: ${code}`).toEqual([
        expect.stringMatching(expected),
      ]);
    }
    expect(
      await localProblems(
        "electron/host/x.ts",
        'import "../../simulator/index.js";\nimport "node:fs";\nexport {};\n',
      ),
    ).toEqual([]);
  });
});

describe("file names", () => {
  it("are kebab-case", async () => {
    expect(await localProblems("electron/services/AuthClient.ts", "export {};\n")).toEqual([
      "File name AuthClient.ts is not kebab-case (like auth-client.ts).",
    ]);
    expect(await localProblems("renderer/ui/date_format.ts", "export {};\n")).toEqual([
      "File name date_format.ts is not kebab-case (like date-format.ts).",
    ]);
    expect(await localProblems("renderer/ui/date-format.test.ts", "export {};\n")).toEqual([]);
  });
});

describe("dates in the renderer", () => {
  it("are formatted only through renderer/ui/dates.ts", async () => {
    const code =
      "export const a = new Date().toLocaleString();\nexport const b = new Intl.DateTimeFormat();\n";
    const [result] = await eslint.lintText(code, { filePath: path.join(root, "renderer/features/x.ts") });
    expect(result?.messages.map((m) => m.message)).toEqual([
      expect.stringContaining("renderer/ui/dates.ts"),
      expect.stringContaining("renderer/ui/dates.ts"),
    ]);
  });
});
