import { expect, readOtpFromMailbox, signInWithPassword, test } from "./fixtures.js";

test("Resend is disabled with a visible countdown during the cooldown", async ({ app: page }) => {
  await signInWithPassword(page);
  const resend = page.locator("#resend");
  await expect(resend).toBeDisabled();
  await expect(resend).toHaveText(/^Resend code in 0:\d\d$/);
  const first = await resend.innerText();
  await expect.poll(() => resend.innerText(), { timeout: 10_000 }).not.toBe(first);
  await expect(resend).toHaveText(/^Resend code in 0:\d\d$/);
  await expect(page.getByText(/resends left for this sign-in/)).toBeVisible();
});

test("the whole code can be pasted, spaces and all", async ({ app: page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInWithPassword(page);
  const otp = await readOtpFromMailbox(page);
  const entry = page.getByLabel("One-time password", { exact: true });
  await expect(entry).toBeFocused();
  // A real clipboard write in the page, then a real Ctrl+V into the focused entry.
  await page.evaluate(
    `navigator.clipboard.writeText(${JSON.stringify(`${otp.slice(0, 3)} ${otp.slice(3)}`)})`,
  );
  await page.keyboard.press("ControlOrMeta+V");
  await expect(entry).toHaveValue(otp);
  await page.keyboard.press("Enter");
  await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
});
