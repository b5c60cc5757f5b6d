import { expect, test } from "ccms-terminal-emulator/qa";

// The simulator is the worker's: put its clock back to real time for the tests that follow.
test.afterEach(async ({ simulator }) => {
  await simulator.setClock(null);
});

test("Resend waits out its cooldown; 31 seconds on the simulator's clock, and a new code replaces the old", async ({
  simulator,
  terminal,
}) => {
  const user = await simulator.createUser();
  // The simulator's clock and the page's move together: the server decides, the page counts down.
  await terminal.page.clock.install();
  await terminal.signIn(user.userId, user.password);
  const first = await simulator.waitForOtp({ userId: user.userId });
  await expect(terminal.otp.resend).toBeDisabled();
  await expect(terminal.otp.resend).toHaveText(/^Resend code in 0:\d\d$/);

  const { now } = await simulator.status();
  await simulator.setClock(new Date(Date.parse(now) + 31_000).toISOString());
  await terminal.page.clock.fastForward(31_000);
  await expect(terminal.otp.resend).toBeEnabled();
  await expect(terminal.otp.resend).toHaveText("Resend code");

  await terminal.otp.resend.click();
  await expect(terminal.otp.notice).toHaveText(/A new code was sent/);
  const second = await simulator.waitForOtp({ userId: user.userId });
  expect(second).not.toBe(first);
  await expect(terminal.otp.resend).toBeDisabled();

  await terminal.enterOtp(first);
  await expect(terminal.otp.error).toHaveText(/not correct/);
  await terminal.enterOtp(second);
  await terminal.desktop.expectShown();
});
