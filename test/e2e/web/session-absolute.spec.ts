import { DEMO_PASSWORD, expect, test } from "./fixtures.js";
import { clockAhead } from "./sign-in-steps.js";

// Sessions whose absolute limit (an hour) comes before any idle end.
test.use({ simulatorOptions: { sessionIdleMinutes: 60, sessionAbsoluteMinutes: 60 } });
const minute = 60_000;

test("warns before the absolute limit, which cannot be extended, then ends the session and says why", async ({
  app: page,
  terminal,
  simulator,
}) => {
  await terminal.signInWithOtp({ userId: "demo.user", password: DEMO_PASSWORD });
  await clockAhead(simulator, 58.5 * minute);

  const dialog = page.getByRole("dialog", { name: "Your session is about to end" });
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  await expect(dialog).toContainText("The limit cannot be extended");
  await expect(dialog.getByRole("button", { name: "Stay signed in" })).toHaveCount(0);
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog).toBeHidden();

  await clockAhead(simulator, 61 * minute);
  await expect(page.locator("main[data-screen=login]")).toBeVisible({ timeout: 20_000 });
  await expect(
    page.getByRole("status").filter({ hasText: "Your CCMS session reached its limit of 1 hour and ended." }),
  ).toBeVisible();
});
