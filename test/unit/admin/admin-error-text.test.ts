import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { adminErrorText } from "../../../renderer/features/admin/admin-error-text.js";
import en from "../../../renderer/i18n/en.json";
import zhHK from "../../../renderer/i18n/zh-HK.json";

const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.init({
    lng: "en",
    resources: { en: { translation: en }, "zh-HK": { translation: zhHK } },
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
});

describe("the admin screen's error texts", () => {
  it("names the date registration opens, in Hong Kong time, in either language", () => {
    const closed = { code: "REGISTRATION_CLOSED", details: { opensAt: "2023-03-19T16:00:00.000Z" } };
    expect(adminErrorText(i18n.getFixedT("en"), closed, "en")).toBe(
      "Email registration for this user opens on 20 Mar 2023. Try again from that date.",
    );
    const zh = adminErrorText(i18n.getFixedT("zh-HK"), closed, "zh-HK");
    expect(zh).toContain("2023");
    expect(zh).toMatch(/^此用戶的電郵登記將於 .*3.*20.* 開始/);
  });

  it("falls back to the general text when the server gave no date", () => {
    expect(adminErrorText(i18n.getFixedT("en"), { code: "REGISTRATION_CLOSED" }, "en")).toBe(
      en.errors.REGISTRATION_CLOSED,
    );
    expect(
      adminErrorText(
        i18n.getFixedT("en"),
        { code: "REGISTRATION_CLOSED", details: { opensAt: "soon" } },
        "en",
      ),
    ).toBe(en.errors.REGISTRATION_CLOSED);
  });

  it("says what FORBIDDEN means for a DA, and uses the common texts for the rest", () => {
    expect(adminErrorText(i18n.getFixedT("en"), { code: "FORBIDDEN" }, "en")).toBe(en.admin.errors.forbidden);
    expect(adminErrorText(i18n.getFixedT("zh-HK"), { code: "FORBIDDEN" }, "zh-HK")).toBe(
      zhHK.admin.errors.forbidden,
    );
    expect(adminErrorText(i18n.getFixedT("en"), { code: "SESSION_EXPIRED" }, "en")).toBe(
      en.errors.SESSION_EXPIRED,
    );
    expect(adminErrorText(i18n.getFixedT("en"), { code: "NO_SUCH_CODE" }, "en")).toContain("NO_SUCH_CODE");
  });
});
