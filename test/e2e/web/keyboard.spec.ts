import { codeInEmail } from "../../../qa/index.js";
import { DEMO_PASSWORD, DEMO_USER, expect, test } from "./fixtures.js";

test("the whole login works with the keyboard alone (Tab, typing and Enter)", async ({ app: page }) => {
  const userId = page.getByLabel("User ID", { exact: true });
  await expect(userId).toBeFocused();
  await page.keyboard.type(DEMO_USER);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");

  const entry = page.getByLabel("One-time password", { exact: true });
  await expect(entry).toBeFocused();
  // Verify, (Resend is disabled during the cooldown), Back, then the mailbox link.
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Verify" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Back", exact: true })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Open the simulated mailbox" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: "Simulated mailbox" })).toBeFocused();
  const newest = page.locator(".message-body").first();
  await expect(newest).toContainText(/\d{6}/);
  const otp = codeInEmail(await newest.innerText()) ?? "";
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Back to the one-time password" })).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(entry).toBeFocused();
  await page.keyboard.type(otp);
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { name: /CCMS/ })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Lock screen" })).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(page.getByRole("button", { name: "Sign out" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("User ID", { exact: true })).toBeFocused();
  await expect(page.getByRole("status")).toHaveText("You have signed out.");
});
