import { expect, test } from "ccms-terminal-emulator/qa";

test.use({ locale: "zh-HK" });

test("the same sign-in in Traditional Chinese", async ({ simulator, terminal }) => {
  const user = await simulator.createUser();
  await expect(terminal.login.heading).toHaveText("登入 CCMS");
  await terminal.signInWithOtp(user);
  await expect(terminal.desktop.signOut).toHaveText("登出");
  await expect(terminal.page.locator("html")).toHaveAttribute("lang", "zh-HK");
});
