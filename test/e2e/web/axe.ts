import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect } from "./fixtures.js";

/**
 * Runs axe on the page as it is (WCAG 2.1 A/AA and best practice) and fails on any serious or critical
 * finding; `where` names the place in the failure. With `screen`, first waits for that screen.
 */
export async function expectNoSeriousViolations(
  page: Page,
  where: string,
  { screen }: { screen?: string } = {},
): Promise<void> {
  if (screen !== undefined) await expect(page.locator(`main[data-screen=${screen}]`)).toBeVisible();
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) }));
  expect(serious, `serious or critical axe violations on ${where}`).toEqual([]);
}

/** The same, for one screen of the app: waits for it, and names it in the failure. */
export const expectScreenAccessible = (page: Page, screen: string): Promise<void> =>
  expectNoSeriousViolations(page, `the ${screen} screen`, { screen });
