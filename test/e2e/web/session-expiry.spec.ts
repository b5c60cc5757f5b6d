import { DEMO_PASSWORD, expect, test } from "./fixtures.js";

test("back on the desktop after the DA's work, the session's expiry is the server's, not the one from sign-in", async ({
  app: page,
  terminal,
  simulator,
}) => {
  await terminal.signInWithOtp({ userId: "demo.da", password: DEMO_PASSWORD });

  const expiry = terminal.desktop.sessionExpiry;
  const atSignIn = Date.parse((await expiry.getAttribute("datetime")) ?? "");
  expect(atSignIn).not.toBeNaN();

  // Ten simulated minutes later the DA works in the email registration; each call extends the session.
  const { now } = await simulator.status();
  await simulator.setClock(new Date(Date.parse(now) + 10 * 60_000).toISOString());
  await terminal.desktop.emailRegistration.click();
  await expect(terminal.admin.row("demo.user")).toBeVisible();
  await terminal.admin.back.click();
  await terminal.desktop.expectShown();

  await expect
    .poll(async () => Date.parse((await expiry.getAttribute("datetime")) ?? "") - atSignIn)
    .toBeGreaterThan(9 * 60_000);
  expect(page.url()).not.toContain("token");
});

test("the desktop is busy until the server has answered its first calls, and the kit waits for that", async ({
  app: page,
  terminal,
  simulator,
}) => {
  await terminal.signIn("demo.user", DEMO_PASSWORD);
  await terminal.otp.expectShown();
  const code = await simulator.waitForOtp({ userId: "demo.user" });
  // A slow server: each answer takes a second and a half, so the desktop is seen waiting.
  await simulator.setFaults({ latencyMs: 1_500 });
  await terminal.enterOtp(code);
  const desktop = page.locator("main[data-screen=desktop] section.desktop");
  await expect(desktop).toHaveAttribute("aria-busy", "true", { timeout: 15_000 });
  await expect(page.getByTestId("recent-sign-ins")).toHaveAttribute("aria-busy", "true");

  await terminal.desktop.expectShown();
  await expect(desktop).toHaveAttribute("aria-busy", "false");
  await expect(page.getByTestId("recent-sign-ins")).toHaveAttribute("aria-busy", "false");
  await expect(page.getByTestId("recent-sign-ins")).toContainText("This is your first sign-in.");
});
