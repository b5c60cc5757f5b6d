import { describe, expect, it } from "vitest";
import { say, word, wordAll } from "../../../shared/check-text/check-message.js";
import en from "../../../shared/check-text/en.json";
import zhHK from "../../../shared/check-text/zh-HK.json";
import { english, inEnglish } from "../../../shared/check-text/english.js";
import { checkStepSchema } from "../../../shared/wire/check-report.js";
import { formatDateTime } from "../../../shared/hong-kong-time.js";
import { stepText, wordingOf } from "../../../renderer/i18n/check-wording.js";

type Catalogue = Record<string, Record<string, string>>;
const entries = (catalogue: Catalogue) =>
  new Map(
    Object.entries(catalogue).flatMap(([group, texts]) =>
      Object.entries(texts).map(([name, text]): [string, string] => [`${group}.${name}`, text]),
    ),
  );
const english_ = entries(en);
const chinese = entries(zhHK);
const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? "").sort();
const zh = wordingOf(zhHK, "zh-HK");

describe("the connectivity check's sentences", () => {
  it("exist in English and Traditional Chinese alike", () => {
    expect([...chinese.keys()].sort()).toEqual([...english_.keys()].sort());
    for (const [key, text] of english_) {
      if (key === "join.sentences") continue;
      expect(text.trim(), key).not.toBe("");
      expect(chinese.get(key)?.trim(), key).not.toBe("");
    }
  });

  it("fill the same blanks in Chinese, apart from the system's own English error text", () => {
    // `error` and `reason` carry what Node or the OS said (in English): the Chinese sentence gives the code instead.
    const dropped: string[] = [];
    for (const [key, text] of english_) {
      const own = variables(chinese.get(key) ?? "");
      const theirs = variables(text);
      expect(
        own.filter((name) => !theirs.includes(name)),
        key,
      ).toEqual([]);
      for (const name of theirs.filter((name) => !own.includes(name))) dropped.push(`${key}:${name}`);
    }
    expect(
      dropped.every((entry) => /:(error|reason)$/.test(entry)),
      dropped.join(", "),
    ).toBe(true);
    expect(dropped.length).toBeGreaterThan(0);
  });

  it("say nothing in English in Chinese: no run of English words outside names and codes", () => {
    const english = [...chinese].filter(([, text]) => /\b[a-z]{2,}\b[\s,;:]+\b[a-z]{2,}\b/.test(text));
    expect(english.map(([key]) => key)).toEqual([]);
  });

  it("word nested sentences, lists and instants in each language", () => {
    const at = "2023-05-28T16:30:00.000Z";
    const message = say("tls.expiredUntil", {
      validTo: { at },
      now: { at: "2023-06-01T01:00:00.000Z" },
    });
    expect(inEnglish(message)).toBe(
      `The certificate has expired (valid until ${formatDateTime(at, "en")}); this PC's clock says ${formatDateTime("2023-06-01T01:00:00.000Z", "en")}.`,
    );
    expect(word(message, zh)).toContain("有效期至 2023年5月29日 上午12:30:00 HKT");
    const schemes = say("proxy.authUnsupported", {
      proxy: "p:8080",
      schemes: { list: ["NTLM", "Negotiate"], and: true },
    });
    expect(inEnglish(schemes)).toContain("accepts only NTLM and Negotiate authentication");
    expect(word(schemes, zh)).toContain("只接受 NTLM 及 Negotiate 認證");
    const route = say("route.manual", {
      route: say("route.proxiesThenDirect", { proxies: say("route.then", { first: "a:1", next: "b:2" }) }),
    });
    expect(inEnglish(route)).toBe("The app's Network setting names the proxy a:1, then b:2, then direct.");
    expect(word(route, zh)).toBe("本應用程式的網絡設定指定：代理伺服器 a:1，然後 b:2，然後直接連接。");
    expect(wordAll([say("tcp.someUnreachable"), say("tls.clockAdvice")], english)).toContain(
      "at random. Check this PC's",
    );
    expect(wordAll([say("tcp.someUnreachable"), say("tls.clockAdvice")], zh)).toContain("隨機失敗。請檢查");
  });

  it("travel on the wire, and a sentence this build cannot word shows the step's English", () => {
    const step = checkStepSchema.parse({
      id: "dns",
      status: "fail",
      durationMs: 1,
      detail: "system resolver: no such name [NXDOMAIN] (2 ms)",
      hint: "English advice.",
      lines: [
        say("dns.noAnswer", {
          source: say("dns.systemResolver"),
          problem: say("dns.nxdomain"),
          code: "NXDOMAIN",
          ms: 2,
        }),
      ],
      advice: [{ key: "dns.fromANewerApp" }],
    });
    expect(stepText(step, zh)).toEqual({
      detail: "系統解析器：沒有此名稱 [NXDOMAIN]（2 毫秒）",
      hint: "English advice.",
    });
    expect(checkStepSchema.safeParse({ ...step, lines: [{ key: "not a key" }] }).success).toBe(false);
    expect(stepText({ ...step, lines: undefined, advice: undefined }, zh)).toEqual({
      detail: step.detail,
      hint: step.hint,
    });
  });
});
