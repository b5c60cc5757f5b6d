import fs from "node:fs";
import { expect, test as kit } from "./fixtures.js";

type Strings = {
  app: { name: string; tagline: string };
  language: { zhHK: string };
  login: { title: string; userId: string };
  otp: { title: string };
};
const read = (file: string) =>
  JSON.parse(fs.readFileSync(new URL(`../../../renderer/i18n/${file}`, import.meta.url), "utf8")) as Strings;
const en = read("en.json");
const zhHK = read("zh-HK.json");

/**
 * Runs in the page before its scripts (kept as source: this Node file has no DOM types): the saved
 * choice of Chinese, and every text the page draws, in order, in `window.seenTexts`.
 */
const savedChineseAndWatchText = `
  window.localStorage.setItem("ccms.language", "zh-HK");
  const seen = (window.seenTexts = []);
  new MutationObserver(() => {
    const text = document.body ? document.body.innerText : "";
    if (text.trim() !== "" && seen.at(-1) !== text) seen.push(text);
  }).observe(document, { subtree: true, childList: true, characterData: true });
`;

interface Start {
  /** Opens the login screen at the worker's browser shell (after any init script the test added). */
  open: () => Promise<void>;
  /**
   * Which languages' strings the scripts fetched so far carry, told by each language's title of a
   * screen: the login form's (both languages', in the page's own code) or the OTP screen's (the rest of
   * a language's strings, fetched after the form).
   */
  languagesFetched: (screen?: "login" | "otp") => Promise<string[]>;
}

/** The page, watched from before its first request: the scripts it fetches (its errors fail the test, as every page's do). */
const test = kit.extend<{ start: Start }>({
  start: async ({ page, webShell }, use, testInfo) => {
    testInfo.skip(webShell === null, "needs the browser shell, whose page's requests Playwright sees");
    const scripts: Array<Promise<string>> = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "script") scripts.push(response.text());
    });
    await use({
      open: async () => {
        await page.goto(webShell?.launchUrl ?? "");
      },
      languagesFetched: async (screen = "login") => {
        const texts = await Promise.all(scripts);
        const found: string[] = [];
        if (texts.some((text) => text.includes(en[screen].title))) found.push("en");
        if (texts.some((text) => text.includes(zhHK[screen].title))) found.push("zh-HK");
        return found;
      },
    });
  },
});

test("the login screen fetches only its language's other strings, and the other language's when the person switches to it", async ({
  page,
  start,
}) => {
  await start.open();
  await expect(page.getByRole("heading", { name: en.login.title })).toBeVisible();
  // The banner shows once the bridge has answered: every start-up script is in by then.
  await expect(page.locator(".sim-banner")).toBeVisible();
  // The login form's few strings, in both languages, are in the page's code (the form is drawn without
  // one more round trip; a switch on it needs nothing more to draw it).
  expect(await start.languagesFetched()).toEqual(["en", "zh-HK"]);
  // The other screens' strings came while the bridge connected: no screen after the form waits for them.
  expect(await start.languagesFetched("otp")).toEqual(["en"]);

  const chinese = page.getByRole("button", { name: zhHK.language.zhHK });
  await chinese.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: zhHK.login.title })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-HK");
  await expect(chinese).toHaveAttribute("aria-pressed", "true");
  await expect(chinese).toBeFocused();
  await expect(page.getByLabel(zhHK.login.userId, { exact: true })).toBeVisible();
  expect(await start.languagesFetched()).toEqual(["en", "zh-HK"]);
  expect(await start.languagesFetched("otp")).toEqual(["en", "zh-HK"]);
});

test("a saved Chinese choice starts in Chinese: nothing English and no raw key is ever drawn, and English's other strings are not fetched", async ({
  page,
  start,
}) => {
  // The browser is set to English (en-GB): only the saved choice can make the start Chinese.
  await page.addInitScript({ content: savedChineseAndWatchText });
  await start.open();
  await expect(page.getByRole("heading", { name: zhHK.login.title })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-HK");
  await expect(page.locator(".sim-banner")).toBeVisible();

  const seen = (await page.evaluate("window.seenTexts")) as string[];
  expect(seen.length).toBeGreaterThan(0);
  expect(seen[0]).toContain(zhHK.app.name);
  for (const text of seen) {
    for (const english of [en.app.tagline, en.login.title, en.login.userId, "app.name", "login.title"]) {
      expect(text, `drawn while starting: ${JSON.stringify(text)}`).not.toContain(english);
    }
  }
  expect(await start.languagesFetched()).toEqual(["en", "zh-HK"]);
  expect(await start.languagesFetched("otp")).toEqual(["zh-HK"]);
});
