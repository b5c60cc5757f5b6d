import type { Page } from "@playwright/test";
import { englishSentences } from "../../support/english-sentences.js";
import { expect } from "./fixtures.js";

/**
 * Not the app's prose: the simulated emails as they arrive (bilingual by design: HKEX's text, not the
 * app's), and computer code (a command line is the same in every language).
 */
const notProse = ".message-subject, .message-body, .message article, code";

interface ShownElement {
  innerText: string;
  matches(selector: string): boolean;
  getAttribute(name: string): string | null;
}

/** What the person sees on the page now: visible text, and accessible names, descriptions and placeholders. */
async function shownText(page: Page): Promise<string> {
  return page.evaluate((excluded) => {
    const { document } = globalThis as unknown as {
      document: { body: ShownElement; querySelectorAll(selector: string): ArrayLike<ShownElement> };
    };
    let text = document.body.innerText;
    for (const element of Array.from(document.querySelectorAll(excluded))) {
      if (element.innerText) text = text.replace(element.innerText, " ");
    }
    const named = Array.from(document.querySelectorAll("[aria-label], [placeholder], [title]"))
      .filter((element) => !element.matches(excluded))
      .flatMap((element) => ["aria-label", "placeholder", "title"].map((name) => element.getAttribute(name)));
    return [text, ...named.filter((value): value is string => Boolean(value))].join("\n");
  }, notProse);
}

/** Collects what `englishSentences` finds in the page, named by where it was. */
export class Sweep {
  readonly found: string[] = [];
  readonly places: string[] = [];

  constructor(private readonly page: Page) {}

  async check(where: string): Promise<void> {
    await expect(this.page.locator("html")).toHaveAttribute("lang", "zh-HK");
    this.places.push(where);
    for (const sentence of englishSentences(await shownText(this.page)))
      this.found.push(`${where}: ${sentence}`);
  }

  expectNone(): void {
    expect(this.places.length).toBeGreaterThan(0);
    expect(this.found, `English in the Chinese screens (${this.places.join(", ")})`).toEqual([]);
  }
}
