import fs from "node:fs";
import os from "node:os";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { closedPort } from "../../support/ports.js";
import { expect, test } from "./fixtures.js";

// A computer in another zone: what the page shows must still be Hong Kong time.
test.use({ timezoneId: "America/New_York" });

async function openCheck(page: Page) {
  await page.getByRole("button", { name: "Check connectivity to the 2FA server" }).click();
  await expect(page.getByRole("heading", { name: "Connectivity check" })).toBeVisible();
}

test("checks the built-in simulator from the login screen, live, and saves reports", async ({
  builtinApp: page,
}) => {
  await openCheck(page);
  await page.getByLabel("The built-in simulator").check();
  await page.getByRole("button", { name: "Run the check" }).click();

  const steps = page.locator(".check-step");
  await expect(steps).toHaveCount(6);
  const summary = page.locator(".check-summary");
  await expect(summary).toContainText("This PC reaches the 2FA sign-in page");
  for (const name of [
    "Proxy",
    "Name lookup (DNS)",
    "Connection (TCP)",
    "Secure connection (TLS)",
    "Web answer (HTTP)",
    "Sign-in page",
  ]) {
    await expect(steps.filter({ hasText: name }).locator(".check-badge")).toHaveText("Passed");
  }

  const [json] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Save report (JSON)" }).click(),
  ]);
  const report = JSON.parse(fs.readFileSync(await json.path(), "utf8")) as {
    status: string;
    steps: unknown[];
  };
  expect(report.status).toBe("pass");
  expect(report.steps).toHaveLength(6);
  const [html] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Save report (HTML)" }).click(),
  ]);
  expect(html.suggestedFilename()).toMatch(/\.html$/);
  expect(fs.readFileSync(await html.path(), "utf8")).toContain(os.hostname());

  await expect(page.locator(".check-history li")).toHaveCount(1);
  // Hong Kong time, day before month, though this page runs in New York's zone.
  const time = page.locator(".check-history time").first();
  const startedAt = new Date((await time.getAttribute("datetime")) ?? "");
  const hourInHongKong = (startedAt.getUTCHours() + 8) % 24;
  await expect(time).toHaveText(
    new RegExp(`^\\d{1,2} [A-Z][a-z]{2} \\d{4}, ${hourInHongKong % 12 || 12}:\\d\\d:\\d\\d [ap]m HKT$`),
  );

  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => v.id);
  expect(serious).toEqual([]);
});

test("explains a refused port, by keyboard only, and keeps it in the history", async ({ app: page }) => {
  const port = await closedPort();
  await openCheck(page);
  await page.getByLabel("Another address").focus();
  await page.keyboard.press("Space");
  await page.getByLabel("Address", { exact: true }).fill(`https://127.0.0.1:${port}/sso`);
  await page.keyboard.press("Enter");

  await expect(page.locator(".check-summary")).toContainText("cannot connect to the server");
  const tcp = page.locator(".check-step").filter({ hasText: "Connection (TCP)" });
  await expect(tcp.locator(".check-badge")).toHaveText("Failed");
  await expect(tcp).toContainText("nothing listens");
  await expect(tcp).toContainText("What to do:");
  await expect(page.locator(".check-history li").first()).toContainText(`127.0.0.1:${port}`);

  await page.getByRole("button", { name: "Back to sign in" }).first().click();
  await expect(page.locator("main[data-screen=login]")).toBeVisible();
});

test("shows the check in Traditional Chinese", async ({ app: page }) => {
  await page.getByRole("button", { name: "繁體中文" }).click();
  await page.getByRole("button", { name: "檢查與雙重認證伺服器的連線" }).click();
  await expect(page.getByRole("heading", { name: "連線檢查" })).toBeVisible();
  await expect(page.getByRole("button", { name: "開始檢查" })).toBeVisible();
});
