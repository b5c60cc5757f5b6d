import { expect, test } from "./fixtures.js";

// The kit's page objects and options that the other specs do not reach; the rest of the suite and
// examples/qa-playwright/ use its fixtures and shortcuts throughout.

test.describe("in Traditional Chinese", () => {
  test.use({ locale: "zh-HK" });

  test("the mailbox and OTP page objects find their controls by the Chinese names", async ({
    simulator,
    terminal,
  }) => {
    const user = await simulator.createUser();
    await terminal.signIn(user.userId, user.password);
    await terminal.otp.expectShown();
    await expect(terminal.otp.heading).toHaveText("輸入一次性密碼");
    await terminal.otp.openMailbox.click();
    const code = await terminal.mailbox.newestCode();
    expect(code).toBe(await simulator.waitForOtp({ userId: user.userId }));
    await terminal.mailbox.back.click();
    await terminal.enterOtp(code);
    await terminal.desktop.expectShown();
  });
});

test("the mailbox page object reads the code, not the six digits of a user ID in the same email", async ({
  simulator,
  terminal,
}) => {
  // The kit's own user IDs end in six random hexadecimal digits, all of them figures one time in 17.
  const user = await simulator.createUser({ userId: "qa.kit.448128" });
  await terminal.signIn(user.userId, user.password);
  await terminal.otp.openMailbox.click();
  const code = await terminal.mailbox.newestCode();
  expect(code).toBe(await simulator.waitForOtp({ userId: user.userId }));
  expect(code).not.toBe("448128");
  await terminal.mailbox.back.click();
  await terminal.enterOtp(code);
  await terminal.desktop.expectShown();
});

test("the password-change page object, for a user whose password has expired", async ({
  simulator,
  terminal,
}) => {
  const user = await simulator.createUser({ passwordExpired: true });
  await terminal.signIn(user.userId, user.password);
  await terminal.passwordChange.change("Kit#Fresh-Password-2023");
  await terminal.enterOtp(await simulator.waitForOtp({ userId: user.userId }));
  await terminal.desktop.expectShown();
});

test("the connectivity page object checks the kit's simulator", async ({ simulator, terminal }) => {
  await terminal.login.checkConnectivity.click();
  await terminal.connectivity.expectShown();
  await terminal.connectivity.target("url").check();
  await terminal.connectivity.address.fill(`${simulator.url}/sso`);
  await terminal.connectivity.moreOptions.click();
  await terminal.connectivity.caFile.fill(simulator.caFile);
  await terminal.connectivity.run.click();
  await expect(terminal.connectivity.step("page")).toContainText("Passed");
  await expect(terminal.connectivity.step("tls")).toContainText("Passed");
});

test.describe("in the desktop app", () => {
  test.use({ shell: "electron" });

  test("signs in through Playwright's _electron, or is skipped with the reason", async ({
    simulator,
    terminal,
  }) => {
    expect(terminal.shell).toBe("electron");
    await terminal.signInWithOtp(await simulator.createUser());
  });
});
