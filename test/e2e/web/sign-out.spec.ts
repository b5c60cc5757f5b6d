import { DEMO_USER, callApi, expect, signInWithPassword, test } from "./fixtures.js";
import { useOwnSimulator } from "./own-simulator.js";

const own = useOwnSimulator();

interface AuditEvent {
  event: string;
  outcome: string;
}

/** The server's own record of the user's session revocations, from the control API's audit log. */
async function revocations(userId: string): Promise<string[]> {
  const { status, body } = await own.sim.control("GET", `/__sim/audit?userId=${userId}`);
  expect(status).toBe(200);
  return (body as { events: AuditEvent[] }).events
    .filter((e) => e.event === "session.revoke")
    .map((e) => e.outcome);
}

test("signing out revokes the session on the server, not only in the shell", async ({ page }) => {
  await page.goto(own.shell.launchUrl);
  await signInWithPassword(page);
  await expect(page.locator("main[data-screen=otp]")).toBeVisible();
  await page.getByLabel("One-time password", { exact: true }).fill(await own.sim.latestOtp(DEMO_USER));
  await page.keyboard.press("Enter");
  await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
  expect(await revocations(DEMO_USER)).toEqual([]);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.locator("main[data-screen=login]")).toBeVisible();
  await expect.poll(() => revocations(DEMO_USER)).toEqual(["signed-out"]);
  expect(await callApi(page, own.shell, "auth.session")).toMatchObject({
    status: 200,
    body: { session: null, locked: false },
  });
});
