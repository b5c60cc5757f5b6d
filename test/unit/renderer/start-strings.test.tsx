import i18next from "i18next";
import { renderToString } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { describe, expect, it } from "vitest";
import { startGroups, stringsPart } from "../../../build/vite-strings-parts.mjs";
import type { BridgeProblem } from "../../../renderer/bridge/index.js";
import { App } from "../../../renderer/app/app.js";
import en from "../../../renderer/i18n/en.json";
import zhHK from "../../../renderer/i18n/zh-HK.json";

type Strings = Parameters<typeof stringsPart>[0];

/**
 * Draws the app as it is before the bridge connects (the login form, or the page saying the bridge has
 * no token), with the start part of a language's strings alone, and returns every key it looked up
 * that the part does not hold.
 */
async function keysMissingBeforeTheBridge(language: string, strings: Strings, problem: BridgeProblem | null) {
  const missing: string[] = [];
  const i18n = i18next.createInstance();
  await i18n.use(initReactI18next).init({
    lng: language,
    resources: { [language]: { start: stringsPart(strings, "start") } },
    ns: ["start"],
    defaultNS: "start",
    fallbackNS: "rest",
    fallbackLng: false,
    saveMissing: true,
    missingKeyHandler: (_languages, _namespace, key) => missing.push(key),
    showSupportNotice: false,
  });
  const html = renderToString(
    <I18nextProvider i18n={i18n}>
      <App problem={problem} />
    </I18nextProvider>,
  );
  return { missing, html };
}

describe("the strings fetched with the login form (build/vite-strings-parts.mjs)", () => {
  it.each([
    ["en", en],
    ["zh-HK", zhHK],
  ])("hold every string the app draws in %s before the bridge connects", async (language, strings) => {
    const login = await keysMissingBeforeTheBridge(language, strings, null);
    expect(login.missing).toEqual([]);
    expect(login.html).toContain(strings.login.title);
    const noToken = await keysMissingBeforeTheBridge(language, strings, "NO_TOKEN");
    expect(noToken.missing).toEqual([]);
    expect(noToken.html).toContain(strings.bridge.NO_TOKEN);
  });

  it("are a few groups, and the rest part holds every other", () => {
    expect(Object.keys(stringsPart(en, "start")).sort()).toEqual([...startGroups].sort());
    expect(Object.keys(stringsPart(en, "rest")).sort()).toEqual(
      Object.keys(en)
        .filter((group) => !startGroups.includes(group))
        .sort(),
    );
  });
});
