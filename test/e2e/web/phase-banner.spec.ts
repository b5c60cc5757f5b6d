import { expect, test } from "./fixtures.js";

test("the banner shows the simulated phase and date, and follows the simulator's clock and pin", async ({
  app: page,
  simulator,
}) => {
  const banner = page.getByRole("complementary", { name: "Simulated environment" });

  await simulator.setClock("2023-06-01T10:00:00+08:00");
  await page.reload();
  await expect(banner).toContainText("Parallel run: 2FA, smartcard as fallback");
  await expect(banner).toContainText("1 Jun 2023");

  await simulator.setClock("2023-03-01T10:00:00+08:00");
  await page.reload();
  await expect(banner).toContainText("Before 2FA launch: smartcard only");
  await expect(banner).toContainText("1 Mar 2023");

  await simulator.setPhase("2fa-only");
  await page.reload();
  await expect(banner).toContainText("2FA only: smartcard decommissioned");
  await expect(banner).toContainText("phase fixed by QA");

  await page.getByRole("button", { name: "繁體中文" }).click();
  const bannerZh = page.getByRole("complementary", { name: "模擬環境" });
  await expect(bannerZh).toContainText("只限雙重認證");
  await expect(bannerZh).toContainText("2023");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-HK");
});
