import { startSimulatorProcess, type SimulatorProcess } from "../../support/simulator-process.js";
import { expect, test } from "./fixtures.js";
import { startBrowserShellFor, type BrowserShell } from "./shell.js";

let sim: SimulatorProcess;
let shell: BrowserShell;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  sim = await startSimulatorProcess();
  shell = await startBrowserShellFor(sim);
});

test.afterAll(async () => {
  await shell?.stop();
  await sim?.stop();
});

test("the banner shows the simulated phase and date, and follows the simulator's clock and pin", async ({
  page,
}) => {
  const banner = page.getByRole("complementary", { name: "Simulated environment" });

  expect((await sim.control("PUT", "/__sim/clock", { now: "2023-06-01T10:00:00+08:00" })).status).toBe(200);
  await page.goto(shell.launchUrl);
  await expect(banner).toContainText("Parallel run: 2FA, smartcard as fallback");
  await expect(banner).toContainText("1 Jun 2023");

  expect((await sim.control("PUT", "/__sim/clock", { now: "2023-03-01T10:00:00+08:00" })).status).toBe(200);
  await page.reload();
  await expect(banner).toContainText("Before 2FA launch: smartcard only");
  await expect(banner).toContainText("1 Mar 2023");

  expect((await sim.control("PUT", "/__sim/phase", { phase: "2fa-only" })).status).toBe(200);
  await page.reload();
  await expect(banner).toContainText("2FA only: smartcard decommissioned");
  await expect(banner).toContainText("phase fixed by QA");

  await page.getByRole("button", { name: "繁體中文" }).click();
  const bannerZh = page.getByRole("complementary", { name: "模擬環境" });
  await expect(bannerZh).toContainText("只限雙重認證");
  await expect(bannerZh).toContainText("2023");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-HK");
});
