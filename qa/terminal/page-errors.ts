import { expect, type BrowserContext, type Page } from "@playwright/test";

/**
 * The uncaught errors of every page a test opens: each page is watched from its creation, so an error
 * thrown while it loads its first address counts too.
 */
export class PageErrors {
  private readonly errors: string[] = [];
  private readonly watched = new WeakSet<Page>();

  /** Watches the context's pages, those open now and every one opened later. */
  watchContext(context: BrowserContext): void {
    for (const page of context.pages()) this.watch(page);
    context.on("page", (page) => this.watch(page));
  }

  watch(page: Page): void {
    if (this.watched.has(page)) return;
    this.watched.add(page);
    page.on("pageerror", (error) => this.errors.push(`${page.url()}: ${error.stack ?? error.message}`));
  }

  /** What was thrown so far, each with the address of its page. */
  list(): readonly string[] {
    return [...this.errors];
  }

  /** Fails the test when any page threw. */
  expectNone(): void {
    expect(this.errors, "uncaught errors in the test's pages").toEqual([]);
  }
}
