import { DEMO_PASSWORD, DEMO_USER, expect, readOtpFromMailbox, test } from "./fixtures.js";

test("switches to Traditional Chinese, signs in and out in Chinese, and remembers the choice", async ({
  app: page,
}) => {
  await page.getByRole("button", { name: "繁體中文" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-HK");
  await expect(page.getByRole("heading", { name: "登入 CCMS" })).toBeVisible();
  await expect(page.getByRole("button", { name: "繁體中文" })).toHaveAttribute("aria-pressed", "true");

  await page.getByLabel("用戶編號", { exact: true }).fill(DEMO_USER);
  await page.getByLabel("密碼", { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "登入", exact: true }).click();

  await expect(page.getByRole("heading", { name: "輸入一次性密碼" })).toBeVisible();
  await expect(page.locator("#resend")).toHaveText(/後可重新發送密碼$/);
  const otp = await readOtpFromMailbox(page, { open: "開啟模擬郵箱", back: "返回一次性密碼" });
  await page.getByLabel("一次性密碼", { exact: true }).fill(otp);
  await page.getByRole("button", { name: "核實" }).click();

  await expect(page.getByRole("heading", { name: /CCMS/ })).toBeVisible();
  await expect(page.getByText("結算參與者", { exact: true })).toBeVisible();
  await expect(page.getByText("結算所", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "登出" }).click();
  await expect(page.getByRole("status")).toHaveText("您已登出。");

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-HK");
  await expect(page.getByRole("heading", { name: "登入 CCMS" })).toBeVisible();
  await page.getByRole("button", { name: "English" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Sign in to CCMS" })).toBeVisible();
});

test("a wrong password is explained in Chinese", async ({ app: page }) => {
  await page.getByRole("button", { name: "繁體中文" }).click();
  await page.getByLabel("用戶編號", { exact: true }).fill(DEMO_USER);
  await page.getByLabel("密碼", { exact: true }).fill("not-the-password");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(/用戶編號或密碼不正確/);
});
