import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect } from "./fixtures.js";

/** axe's WCAG 2.1 AA and best-practice rules: no serious or critical violation on what the page shows. */
export async function expectNoSeriousViolations(page: Page, screen?: string): Promise<void> {
  if (screen) await expect(page.locator(`main[data-screen=${screen}]`)).toBeVisible();
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(" ")) }));
  expect(serious, `serious or critical axe violations${screen ? ` on the ${screen} screen` : ""}`).toEqual(
    [],
  );
}
