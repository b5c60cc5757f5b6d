import { expect, test } from "ccms-terminal-emulator/qa";

test("signs in with password and the emailed one-time password", async ({ simulator, terminal }) => {
  const user = await simulator.createUser();
  await terminal.signInWithOtp(user);
  await expect(terminal.desktop.user).toContainText(user.userId);
});
