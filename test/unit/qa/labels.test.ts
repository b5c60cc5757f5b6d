import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Labels } from "../../../qa/terminal/labels.js";

const pagesDir = path.resolve(import.meta.dirname, "../../../qa/terminal");

/** Every literal translation key the page objects name (`"login.userId"`). */
function keysUsed(): string[] {
  const keys = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith(".ts")) {
        const source = fs.readFileSync(file, "utf8");
        for (const match of source.matchAll(
          /\b(?:text|pattern|prefix|button|field)\(\s*"([a-zA-Z]+(?:\.[a-zA-Z]+)+)"/g,
        )) {
          keys.add(match[1] ?? "");
        }
      }
    }
  };
  walk(pagesDir);
  return [...keys].sort();
}

describe("the page objects' labels", () => {
  it("name only texts the app has, in English and in Chinese", () => {
    const keys = keysUsed();
    expect(keys.length).toBeGreaterThan(40);
    for (const locale of ["en", "zh-HK"] as const) {
      const labels = new Labels(locale);
      for (const key of keys) expect(() => labels.text(key), `${locale} ${key}`).not.toThrow();
    }
  });

  it("fill placeholders and match templates in either language", () => {
    const en = new Labels("en");
    const zh = new Labels("zh-HK");
    expect(en.text("admin.registerFor", { userId: "demo.noemail" })).toBe("Register email for demo.noemail");
    expect(en.pattern("otp.resendIn").test("Resend code in 0:29")).toBe(true);
    expect(en.pattern("otp.resendIn").test("Resend code")).toBe(false);
    expect(zh.pattern("otp.resendIn").test("0:29 後可重新發送密碼")).toBe(true);
    expect(zh.text("login.userId")).toBe("用戶編號");
    expect(en.prefix("admin.tile").test("Email registration for 2FA Register the email addresses")).toBe(
      true,
    );
    expect(() => en.text("login.nothing")).toThrow('The app has no text "login.nothing" in en.');
  });
});
