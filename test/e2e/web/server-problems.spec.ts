import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { startSimulator, type RunningSimulator } from "../../../simulator/index.js";
import { DEMO_PASSWORD, DEMO_USER, expect, signInWithPassword, test } from "./fixtures.js";

async function useCustomServer(page: Page, url: string, caFile = "") {
  await page.getByLabel("Another 2FA server").check();
  await page.getByLabel("Server address (https://…)").fill(url);
  await page.getByLabel("CA certificate file (optional)").fill(caFile);
}

test("too many wrong passwords lock the account, and the page says what to do", async ({ app: page }) => {
  for (let attempt = 0; attempt < 6; attempt++) {
    if (await page.locator("main[data-screen=outcome]").isVisible()) break;
    await page.getByLabel("User ID", { exact: true }).fill(DEMO_USER);
    await page.getByLabel("Password", { exact: true }).fill(`wrong-${attempt}`);
    const answered = page.waitForResponse((response) => response.url().endsWith("/api/auth.begin"));
    await page.keyboard.press("Enter");
    await answered;
    await expect(page.getByRole("button", { name: /^(Sign in|Back to sign in)$/ })).toBeVisible();
  }
  await expect(page.locator("main[data-screen=outcome]")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Account locked" })).toBeFocused();
  await expect(page.getByRole("alert")).toContainText("Delegated Administrator (DA)");
  await expect(page.getByRole("alert")).toContainText(/You can try again after .* HKT\./);
  await page.getByRole("button", { name: "Back to sign in" }).click();
  await expect(page.locator("main[data-screen=login]")).toBeVisible();
  await signInWithPassword(page);
  await expect(page.getByRole("heading", { name: "Account locked" })).toBeVisible();
});

test("a server that cannot be reached is named as such", async ({ app: page }) => {
  await useCustomServer(page, "https://127.0.0.1:9/sso");
  await signInWithPassword(page);
  await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
    /The 2FA server cannot be reached/,
  );
});

test.describe("another 2FA server", () => {
  let simulator: RunningSimulator;
  let dataDir: string;
  test.beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-e2e-other-sim-"));
    simulator = await startSimulator({ dataDir, hashProfile: "fast", quiet: true });
  });
  test.afterAll(async () => {
    await simulator?.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  test("an untrusted certificate is explained, and the server's CA file fixes it", async ({ app: page }) => {
    await useCustomServer(page, `${simulator.url}/sso`);
    await signInWithPassword(page);
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(/certificate is not trusted/);

    await useCustomServer(page, `${simulator.url}/sso`, simulator.caFile);
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("main[data-screen=otp]")).toBeVisible();
    // Not the built-in profile, so no simulated mailbox is offered.
    await expect(page.getByRole("button", { name: "Open the simulated mailbox" })).toHaveCount(0);
  });

  test("a certificate for another host name is explained", async ({ app: page }) => {
    // A second simulator on 127.0.0.2: its certificate names 127.0.0.1 and localhost only.
    const otherDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-e2e-other-host-"));
    const other = await startSimulator({
      dataDir: otherDir,
      host: "127.0.0.2",
      hashProfile: "fast",
      quiet: true,
    });
    try {
      await useCustomServer(page, `${other.url}/sso`, other.caFile);
      await signInWithPassword(page);
      await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
        /certificate is for a different host name/,
      );
    } finally {
      await other.close();
      fs.rmSync(otherDir, { recursive: true, force: true });
    }
  });
});

test("a server address that is not https is refused before sending anything", async ({ app: page }) => {
  await useCustomServer(page, "http://127.0.0.1/sso");
  await signInWithPassword(page);
  await expect(page.getByText("Enter the server address, starting with https://.")).toBeVisible();
  await expect(page.getByLabel("Server address (https://…)")).toBeFocused();
});
