import { expect, test } from "./fixtures.js";

test("the token leaves the address bar and survives a reload of the tab", async ({ app: page }) => {
  expect(page.url()).not.toContain("token");
  await page.reload();
  await expect(page.locator("main[data-screen=login]")).toBeVisible();
  await expect(page.getByRole("complementary", { name: "Simulated environment" })).toBeVisible();
});

test("without the token the page refuses to work and says how to fix it", async ({ page, webShell }) => {
  await page.goto(`${webShell?.origin}/`);
  await expect(page.locator("main[data-screen=bridge-problem]")).toBeVisible();
  await expect(page.getByRole("alert")).toHaveText(/Open the full address printed by “npm run web”/);
  await expect(page.getByLabel("User ID", { exact: true })).toHaveCount(0);
});

test("a wrong token is refused by the app and the page says so", async ({ page, webShell }) => {
  await page.goto(`${webShell?.origin}/#token=not-the-right-token`);
  await expect(page.locator("main[data-screen=bridge-problem]")).toBeVisible();
  await expect(page.getByRole("alert")).toHaveText(/refused this page's access key/);
});
