import { DEMO_PASSWORD, expect, signInWithPassword, test } from "./fixtures.js";
import { useOwnSimulator } from "./own-simulator.js";

const own = useOwnSimulator();

test("back on the desktop after the DA's work, the session's expiry is the server's, not the one from sign-in", async ({
  page,
}) => {
  await page.goto(own.shell.launchUrl);
  await signInWithPassword(page, "demo.da", DEMO_PASSWORD);
  await expect(page.locator("main[data-screen=otp]")).toBeVisible();
  await page.getByLabel("One-time password", { exact: true }).fill(await own.sim.latestOtp("demo.da"));
  await page.keyboard.press("Enter");
  await expect(page.locator("main[data-screen=desktop]")).toBeVisible();

  const expiry = page.getByRole("timer");
  const atSignIn = Date.parse((await expiry.getAttribute("datetime")) ?? "");
  expect(atSignIn).not.toBeNaN();

  // Ten simulated minutes later the DA works in the email registration; each call extends the session.
  expect((await own.sim.control("PUT", "/__sim/clock", { offsetMs: 10 * 60_000 })).status).toBe(200);
  await page.getByRole("button", { name: "Email registration for 2FA" }).click();
  await expect(page.locator('tr[data-user-id="demo.user"]')).toBeVisible();
  await page.getByRole("button", { name: "Back to the desktop" }).click();
  await expect(page.locator("main[data-screen=desktop]")).toBeVisible();

  await expect
    .poll(async () => Date.parse((await expiry.getAttribute("datetime")) ?? "") - atSignIn)
    .toBeGreaterThan(9 * 60_000);
});
