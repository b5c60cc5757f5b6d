import { expectScreenAccessible } from "./axe.js";
import { expect, readOtpFromMailbox, signInWithPassword, test } from "./fixtures.js";

test("no serious or critical axe violations on any screen of the login", async ({ app: page }) => {
  await expectScreenAccessible(page, "login");

  await page.getByLabel("Built-in simulator").check();
  await expectScreenAccessible(page, "login");
  await page.getByLabel("Another 2FA server").check();

  await signInWithPassword(page, "demo.user", "wrong-password");
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toBeVisible();
  await expectScreenAccessible(page, "login");

  await signInWithPassword(page);
  await expectScreenAccessible(page, "otp");
  await page.getByRole("button", { name: "Open the simulated mailbox" }).click();
  await expect(page.locator(".message").first()).toBeVisible();
  await expectScreenAccessible(page, "mailbox");
  await page.getByRole("button", { name: "Back to the one-time password" }).click();

  const otp = await readOtpFromMailbox(page);
  await page.getByLabel("One-time password", { exact: true }).fill(otp);
  await page.keyboard.press("Enter");
  await expectScreenAccessible(page, "desktop");

  await page.getByRole("button", { name: "Sign out" }).click();
  await page.getByRole("button", { name: "Check connectivity to the 2FA server" }).click();
  await expectScreenAccessible(page, "connectivity");
});

test("no serious or critical axe violations in Chinese", async ({ app: page }) => {
  await page.getByRole("button", { name: "繁體中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-HK");
  await expectScreenAccessible(page, "login");
});

test("no serious or critical axe violations on the page opened without its token", async ({
  page,
  webShell,
}) => {
  await page.goto(`${webShell?.origin}/`);
  await expectScreenAccessible(page, "bridge-problem");
});
