import { expect, type Locator, type Page } from "@playwright/test";
import { type Labels } from "../labels.js";

/** What every page object shares: the page, the language's labels, and its screen's landmark. */
export abstract class Screen {
  /** The screen's `<main>`: visible while it is the screen shown. */
  readonly root: Locator;

  constructor(
    readonly page: Page,
    protected readonly labels: Labels,
    screen: string,
  ) {
    this.root = page.locator(`main[data-screen="${screen}"]`);
  }

  /**
   * Waits until this screen is the one shown, and settled: the app's start-up answers drawn (its `<main>`
   * not `aria-busy`), so nothing moves under the next click.
   */
  async expectShown(): Promise<void> {
    await expect(this.root).toBeVisible();
    await expect(this.root).not.toHaveAttribute("aria-busy", "true");
  }

  /** The screen's error message, when it shows one. */
  get error(): Locator {
    return this.page.getByRole("alert").filter({ hasText: /\S/ });
  }

  protected button(key: string, values?: Record<string, string | number>): Locator {
    return this.page.getByRole("button", { name: this.labels.text(key, values), exact: true });
  }

  protected field(key: string): Locator {
    return this.page.getByLabel(this.labels.text(key), { exact: true });
  }
}
