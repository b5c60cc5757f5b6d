import fc from "fast-check";
import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import type { PracticeView } from "../../../shared/contract/practice.js";
import { practiceItemIds } from "../../../shared/contract/practice.js";
import en from "../../../renderer/i18n/en.json";
import zhHK from "../../../renderer/i18n/zh-HK.json";
import {
  rehearsalRecordFileName,
  rehearsalRecordHtml,
  type RecordLanguages,
} from "../../../renderer/features/practice/rehearsal-record.js";
import { fromHktInput, toHktInput } from "../../../renderer/ui/dates.js";

type Practised = Extract<PracticeView, { available: true }>;
let languages: RecordLanguages;

beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: { en: { translation: en }, "zh-HK": { translation: zhHK } },
    lng: "en",
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  languages = { en: i18n.getFixedT("en"), "zh-HK": i18n.getFixedT("zh-HK") };
});

const notDone = (id: (typeof practiceItemIds)[number]) => ({
  id,
  applicable: true,
  done: false,
  pending: false,
  times: 0,
  firstAt: null,
  firstRealAt: null,
  lastAt: null,
  lastRealAt: null,
});

const view = (displayName = "Chan Tai Man"): Practised => ({
  available: true,
  user: {
    userId: "demo.user",
    displayName,
    role: "user",
    participant: "CP001",
    participantName: "Demo Securities Limited",
    clearingHouse: "HKSCC",
  },
  phase: "parallel-run",
  now: "2023-05-29T01:00:00.000Z",
  items: practiceItemIds.map((id) =>
    id === "otp-sign-in"
      ? {
          ...notDone(id),
          done: true,
          times: 2,
          firstAt: "2023-05-29T01:05:00.000Z",
          firstRealAt: "2026-11-30T02:15:00.000Z",
          lastAt: "2023-05-29T02:00:00.000Z",
          lastRealAt: "2026-11-30T03:00:00.000Z",
        }
      : notDone(id),
  ),
});

const madeAt = new Date("2026-11-30T08:00:00.000Z");

describe("the rehearsal record", () => {
  it("is one self-contained page, in English and then Traditional Chinese", () => {
    const html = rehearsalRecordHtml(view(), languages, madeAt);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=|href=|@import|url\(/i);
    const en = html.indexOf('<section lang="en">');
    const zh = html.indexOf('<section lang="zh-HK">');
    expect(en).toBeGreaterThan(0);
    expect(zh).toBeGreaterThan(en);
    expect(html.slice(en, zh)).toContain("Rehearsal record");
    expect(html.slice(zh)).toContain("演練記錄");
  });

  it("lists what was rehearsed and when, in Hong Kong time, and only that", () => {
    const html = rehearsalRecordHtml(view(), languages, madeAt);
    const english = html.slice(0, html.indexOf('<section lang="zh-HK">'));
    expect(english).toContain("Sign in with the emailed one-time password");
    expect(english).not.toContain("Ask for a new code");
    // First done at 10:15 HKT on this computer, at 09:05 HKT on the simulated clock; twice in all.
    expect(english).toContain("30 Nov 2026, 10:15:00 am HKT");
    expect(english).toContain("29 May 2023, 09:05 HKT");
    expect(english).toMatch(/<td>2<\/td>/);
    expect(english).toContain("Chan Tai Man (demo.user)");
    expect(english).toContain("CP001 · Demo Securities Limited");
    const chinese = html.slice(html.indexOf('<section lang="zh-HK">'));
    expect(chinese).toContain("以電郵發送的一次性密碼登入");
    expect(chinese).toContain("2026");
  });

  it("says so when nothing was rehearsed yet", () => {
    const none = { ...view(), items: practiceItemIds.map(notDone) };
    const html = rehearsalRecordHtml(none, languages, madeAt);
    expect(html).toContain("No rehearsal done yet.");
    expect(html).toContain("尚未完成任何演練。");
    expect(html).not.toContain("<table>");
  });

  it("escapes whatever the server says about the user", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (name) => {
        const html = rehearsalRecordHtml(view(`${name}<script>alert(1)</script>`), languages, madeAt);
        expect(html).not.toContain("<script>");
      }),
      { numRuns: 200 },
    );
  });

  it("is named after the user and the day it was made (Hong Kong time)", () => {
    expect(rehearsalRecordFileName("demo.user", new Date("2026-11-30T17:00:00.000Z"))).toBe(
      "rehearsal-record-demo.user-20261201.html",
    );
  });
});

describe("the custom moment's date and time field, in Hong Kong time", () => {
  it("shows an instant as Hong Kong wall time and reads it back", () => {
    expect(toHktInput("2023-05-29T01:00:00.000Z")).toBe("2023-05-29T09:00");
    expect(fromHktInput("2023-05-29T09:00")).toBe("2023-05-29T09:00:00+08:00");
    expect(fromHktInput("2023-05-29T09:00:30")).toBe("2023-05-29T09:00:30+08:00");
  });

  it("refuses what is not a date and time, 30 February included", () => {
    for (const text of ["", "2023-05-29", "29/05/2023 09:00", "2023-02-30T09:00", "2023-05-29T25:00"]) {
      expect(fromHktInput(text), text).toBeNull();
    }
  });
});
