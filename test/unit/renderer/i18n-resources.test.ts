import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { errorCodes } from "../../../shared/errors.js";
import { phases } from "../../../shared/phases.js";
import en from "../../../renderer/i18n/en.json";
import zhHK from "../../../renderer/i18n/zh-HK.json";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const full = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(full, value);
    else for (const [k, v] of flatten(value, full)) out.set(k, v);
  }
  return out;
}

const enKeys = flatten(en as Tree);
const zhKeys = flatten(zhHK as Tree);
const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("i18n resources", () => {
  it("English and Traditional Chinese have exactly the same keys", () => {
    expect([...zhKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
  });

  it("every string is non-empty and uses the same {{variables}} in both languages", () => {
    for (const [key, text] of enKeys) {
      expect(text.trim(), key).not.toBe("");
      expect(zhKeys.get(key)?.trim(), key).not.toBe("");
      expect(variables(zhKeys.get(key) ?? ""), key).toEqual(variables(text));
    }
  });

  it("has a specific message for every error code", () => {
    for (const code of errorCodes) {
      expect(enKeys.has(`errors.${code}`), code).toBe(true);
      expect(zhKeys.has(`errors.${code}`), code).toBe(true);
    }
    expect(enKeys.get("errors.generic")).toContain("{{code}}");
  });

  it("names every migration phase", () => {
    for (const phase of phases) expect(enKeys.has(`phases.${phase}`), phase).toBe(true);
  });

  it("writes the Chinese screens in Chinese, with Hong Kong terms", () => {
    const untranslated = [...zhKeys].filter(
      ([key, text]) =>
        !key.startsWith("language.") && !/[\u4e00-\u9fff]/.test(text) && text === enKeys.get(key),
    );
    expect(untranslated.map(([key]) => key)).toEqual(["desktop.title"]);
    const all = [...zhKeys.values()].join("\n");
    for (const term of ["登入", "一次性密碼", "智能卡", "結算參與者", "電郵"]) expect(all).toContain(term);
    // Simplified forms that would betray a mainland translation.
    for (const simplified of ["登录", "密码", "智能卡片", "邮件", "用户"])
      expect(all).not.toContain(simplified);
  });
});

describe("renderer components", () => {
  const root = path.resolve("renderer");
  const files = fs
    .readdirSync(root, { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".tsx"))
    .map((file) => path.join(root, file));

  it("hard-code no person-facing text (it all comes from the i18n resources)", () => {
    expect(files.length).toBeGreaterThan(5);
    const offenders: string[] = [];
    for (const file of files) {
      const source = fs.readFileSync(file, "utf8");
      // Text between JSX tags that has letters in it, e.g. `<p>Sign in</p>` or `>Sign in<`.
      for (const match of source.matchAll(/>\s*([^<>{}\n]*[A-Za-z\u4e00-\u9fff][^<>{}\n]*?)\s*</g)) {
        const text = match[1]?.trim() ?? "";
        if (text && !/^[\w.]+\(|=>|&&|\|\|/.test(text))
          offenders.push(`${path.relative(root, file)}: "${text}"`);
      }
      // Literal labels in the attributes people read.
      for (const match of source.matchAll(/\b(aria-label|placeholder|title|alt)="([^"]*[A-Za-z][^"]*)"/g)) {
        if (match[1] === "placeholder" && /^https:\/\//.test(match[2] ?? "")) continue;
        offenders.push(`${path.relative(root, file)}: ${match[1]}="${match[2]}"`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
