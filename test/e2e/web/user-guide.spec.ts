import { expect, test } from "./fixtures.js";

test("the desktop offers the printed user guide in the page's language, served by the browser shell", async ({
  terminal,
  simulator,
  webShell,
}) => {
  const user = await simulator.createUser();
  await terminal.signInWithOtp(user);
  const { page } = terminal;

  const guide = page.getByRole("link", { name: "User guide (PDF, opens in a new tab)" });
  await expect(guide).toHaveAttribute("href", "guide/ccms-terminal-user-guide.en.pdf");
  await expect(guide).toHaveAttribute("target", "_blank");
  await expect(guide).toHaveAccessibleDescription(/the smartcard fallback, email registration/);
  const pdf = await page.request.get(new URL("guide/ccms-terminal-user-guide.en.pdf", webShell?.origin).href);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  await page.getByRole("button", { name: "繁體中文", exact: true }).click();
  const chinese = page.getByRole("link", { name: "使用指南（PDF，於新分頁開啟）" });
  await expect(chinese).toHaveAttribute("href", "guide/ccms-terminal-user-guide.zh-HK.pdf");
  const zh = await page.request.get(
    new URL("guide/ccms-terminal-user-guide.zh-HK.pdf", webShell?.origin).href,
  );
  expect(zh.status()).toBe(200);
  expect((await zh.body()).length).toBeGreaterThan(100_000);
});
