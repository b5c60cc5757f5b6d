import { expect, test } from "ccms-terminal-emulator/qa";

test("a DA registers a user's email, and that user then signs in with a code sent there", async ({
  simulator,
  terminal,
}) => {
  const da = await simulator.createUser({ role: "da", participant: "CP042" });
  const user = await simulator.createUser({ participant: "CP042", email: undefined });
  const address = `${user.userId}@new.cp042.example.com`;

  await terminal.signInWithOtp(da);
  await terminal.desktop.emailRegistration.click();
  await terminal.admin.registerEmail(user.userId, address);
  await expect(terminal.admin.row(user.userId)).toContainText("Registered");
  await terminal.admin.back.click();
  await terminal.desktop.signOut.click();

  await terminal.signIn(user.userId, user.password);
  await terminal.enterOtp(await simulator.waitForOtp({ email: address }));
  await terminal.desktop.expectShown();
  expect((await simulator.user(user.userId)).email).toBe(address);
});
