import type { Page } from "@playwright/test";
import type { SimulatorProcess } from "../../support/simulator-process.js";
import { DEMO_PASSWORD, expect, signInWithPassword } from "./fixtures.js";

/** Signs in through the page with password and the OTP the simulator mailed, and lands on the desktop. */
export async function signInToDesktop(page: Page, sim: SimulatorProcess, userId: string): Promise<void> {
  await signInWithPassword(page, userId, DEMO_PASSWORD);
  await expect(page.locator("main[data-screen=otp]")).toBeVisible();
  await page.getByLabel("One-time password", { exact: true }).fill(await sim.latestOtp(userId));
  await page.keyboard.press("Enter");
  await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
}

/** Signs in over the wire as another terminal would (no page), and returns the session token. */
export async function signInOverWire(sim: SimulatorProcess, userId: string): Promise<string> {
  const begin = await sim.call("POST", "/sso/api/v1/authn", { userId, password: DEMO_PASSWORD });
  const { stateToken } = begin.body as { state: string; stateToken: string };
  const done = await sim.call("POST", "/sso/api/v1/authn/otp/verify", {
    stateToken,
    otp: await sim.latestOtp(userId),
  });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return (done.body as { sessionToken: string }).sessionToken;
}
