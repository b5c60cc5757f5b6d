import { expect, test } from "./fixtures.js";

test("the screen says it is busy until the app's start-up answers are drawn", async ({
  page,
  builtinShell,
}) => {
  // The app's first answer held back: the login form is drawn, but not yet the server in use.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/app.info", async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(builtinShell.launchUrl);
  const main = page.locator("main[data-screen=login]");
  await expect(main).toBeVisible();
  await expect(main).toHaveAttribute("aria-busy", "true");
  await expect(page.locator(".sim-banner")).toHaveCount(0);

  release();
  await expect(main).toHaveAttribute("aria-busy", "false");
  await expect(page.locator(".sim-banner")).toBeVisible();
  await expect(page.getByText(/Connected to https:\/\/127\.0\.0\.1:\d+/)).toBeVisible();
});
