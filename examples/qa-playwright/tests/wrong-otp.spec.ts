import { expect, test } from "ccms-terminal-emulator/qa";

test("three wrong one-time passwords: each is refused, the tries left count down, the right one still works", async ({
  simulator,
  terminal,
}) => {
  const user = await simulator.createUser();
  await terminal.signIn(user.userId, user.password);
  const code = await simulator.waitForOtp({ userId: user.userId });
  const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");

  for (const triesLeft of [4, 3, 2]) {
    await terminal.enterOtp(wrong);
    await expect(terminal.otp.error).toHaveText(/That one-time password is not correct/);
    await expect(terminal.page.getByText(`${triesLeft} tries left for this code.`)).toBeVisible();
    await expect(terminal.otp.code).toBeFocused();
  }

  await terminal.enterOtp(code);
  await terminal.desktop.expectShown();
  const refused = (await simulator.audit({ userId: user.userId })).filter(
    (e) => e.event === "authn.otp" && e.outcome === "failure",
  );
  expect(refused).toHaveLength(3);
});
