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
