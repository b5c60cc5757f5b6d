import { expect, test } from "ccms-terminal-emulator/qa";

// The simulator is the worker's: put its phase back for the tests that follow.
test.afterEach(async ({ simulator }) => {
  await simulator.setPhase(null);
});

test("parallel run: a card holder starts with 2FA, then falls back to the smartcard in the simulated reader", async ({
  simulator,
  terminal,
}) => {
  await simulator.setPhase("parallel-run");
  // Card holders from before the launch (29 May 2023) may choose their card during the parallel run.
  const user = await simulator.createUser({ hasSmartcard: true, createdAt: "2023-01-03T09:00:00+08:00" });
  const card = await simulator.issueCard({ userId: user.userId, pin: "2468" });

  await terminal.signIn(user.userId, user.password);
  await terminal.methodChoice.expectShown();
  await terminal.methodChoice.otp.click();
  await terminal.otp.expectShown();
  await terminal.otp.useSmartcard.click();

  await terminal.smartcard.expectShown();
  await terminal.smartcard.signInWithCardFile(card.file, "2468");
  await terminal.desktop.expectShown();
  await expect(terminal.page.getByText("Signed in with")).toBeVisible();
  await expect(terminal.page.getByText("smartcard", { exact: true })).toBeVisible();
  const events = await simulator.audit({ userId: user.userId });
  expect(events.some((e) => e.event === "authn.success" && e.method === "smartcard")).toBe(true);
});
