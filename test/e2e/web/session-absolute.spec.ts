import { callApi, expect, test } from "./fixtures.js";
import { useOwnSimulator } from "./own-simulator.js";
import { signInToDesktop } from "./sign-in-steps.js";

// Sessions whose absolute limit (an hour) comes before any idle end.
const own = useOwnSimulator({
  simulatorArgs: ["--session-idle-minutes", "60", "--session-absolute-minutes", "60"],
});
const minute = 60_000;

test("warns before the absolute limit, which cannot be extended, then ends the session and says why", async ({
  page,
}) => {
  await callApi(page, own.shell, "auth.signOut");
  await page.goto(own.shell.launchUrl);
  await signInToDesktop(page, own.sim, "demo.user");
  expect((await own.sim.control("PUT", "/__sim/clock", { offsetMs: 58.5 * minute })).status).toBe(200);

  const dialog = page.getByRole("dialog", { name: "Your session is about to end" });
  await expect(dialog).toBeVisible({ timeout: 20_000 });
  await expect(dialog).toContainText("The limit cannot be extended");
  await expect(dialog.getByRole("button", { name: "Stay signed in" })).toHaveCount(0);
  await dialog.getByRole("button", { name: "OK" }).click();
  await expect(dialog).toBeHidden();

  expect((await own.sim.control("PUT", "/__sim/clock", { offsetMs: 61 * minute })).status).toBe(200);
  await expect(page.locator("main[data-screen=login]")).toBeVisible({ timeout: 20_000 });
  await expect(
    page.getByRole("status").filter({ hasText: "Your CCMS session reached its limit of 1 hour and ended." }),
  ).toBeVisible();
});
