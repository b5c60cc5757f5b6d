import { expectNoSeriousViolations } from "./axe.js";
import type { Page } from "@playwright/test";
import { startSimulatorProcess, type SimulatorProcess } from "../../support/simulator-process.js";
import { expect, signInWithPassword, test } from "./fixtures.js";
import { startBrowserShellFor, stopShellUnder, type BrowserShell } from "./shell.js";

const OLD_PASSWORD = "Old#Password1";
const NEW_PASSWORD = "Brand#New2023pw";

let sim: SimulatorProcess;
let serial = 0;

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  sim = await startSimulatorProcess();
  expect((await sim.control("PUT", "/__sim/phase", { phase: "2fa-only" })).status).toBe(200);
});

test.afterAll(async () => {
  await sim?.stop();
});

/** A user whose password has expired, made through the simulator's control API. */
async function expiredUser(): Promise<string> {
  const userId = `expired.e2e${++serial}`;
  const created = await sim.control("POST", "/__sim/users", {
    userId,
    password: OLD_PASSWORD,
    email: `${userId}@cp001.example.com`,
    role: "user",
    participant: "CP001",
    clearingHouse: "HKSCC",
    passwordExpired: true,
  });
  expect(created.status).toBe(201);
  return userId;
}

/** The page at a browser shell of its own talking to the standalone simulator over HTTPS (its CA trusted). */
async function openAgainstSimulator(page: Page): Promise<{ shell: BrowserShell }> {
  const shell = await startBrowserShellFor(sim);
  await page.goto(shell.launchUrl);
  await expect(page.locator("main[data-screen=login]")).toBeVisible();
  return { shell };
}

const rule = (page: Page, name: string) => page.locator(`#policy-rules li[data-rule=${name}]`);

test("an expired password is changed: the policy stated, a weak one refused by rule, then OTP and desktop", async ({
  page,
}) => {
  const userId = await expiredUser();
  const { shell } = await openAgainstSimulator(page);
  try {
    await signInWithPassword(page, userId, OLD_PASSWORD);
    await expect(page.locator("main[data-screen=changePassword]")).toBeVisible();
    await expect(page.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    const newPassword = page.getByLabel("New password", { exact: true });
    const confirm = page.getByLabel("Confirm new password", { exact: true });
    await expect(newPassword).toBeFocused();

    // The policy is stated before anything is typed.
    await expect(rule(page, "length")).toContainText("At least 10 characters");
    await expect(rule(page, "classes")).toContainText(
      "At least 3 of these 4 kinds: lower-case letters, upper-case letters, digits, symbols",
    );
    await expect(rule(page, "notUserId")).toContainText("Does not contain your user ID");
    await expect(rule(page, "notRecent")).toContainText("Not one of your last 5 passwords");
    await expect(rule(page, "length")).toContainText("Not checked yet");
    await expectNoSeriousViolations(page, "the change-password screen");

    // Live hints as the person types.
    await newPassword.pressSequentially("short1");
    await expect(rule(page, "length")).toHaveAttribute("data-status", "unmet");
    await expect(rule(page, "classes")).toHaveAttribute("data-status", "unmet");
    await expect(rule(page, "notUserId")).toHaveAttribute("data-status", "met");
    await newPassword.pressSequentially("#Longer");
    await expect(rule(page, "length")).toHaveAttribute("data-status", "met");
    await expect(rule(page, "classes")).toContainText("Met");

    // A weak password is refused, naming the rules it breaks; Enter submits.
    await newPassword.fill("short1");
    await confirm.fill("short1");
    await page.keyboard.press("Enter");
    const problem = page.locator("#new-password-problem");
    await expect(problem).toContainText("At least 10 characters");
    await expect(problem).toContainText("At least 3 of these 4 kinds");
    await expect(newPassword).toBeFocused();
    await expect(newPassword).toHaveAttribute("aria-invalid", "true");

    // The confirmation must match.
    await newPassword.fill(NEW_PASSWORD);
    await confirm.fill(`${NEW_PASSWORD}x`);
    await page.keyboard.press("Enter");
    await expect(page.locator("#confirm-password-problem")).toContainText("do not match");
    await expect(confirm).toBeFocused();

    // Only the server knows the earlier passwords: it refuses the old one, and the screen names the rule.
    await newPassword.fill(OLD_PASSWORD);
    await confirm.fill(OLD_PASSWORD);
    await page.keyboard.press("Enter");
    const alert = page.locator("#change-password-error");
    await expect(alert).toContainText("does not meet the password policy");
    await expect(alert).toContainText("Not one of your last 5 passwords");
    await expect(rule(page, "notRecent")).toHaveAttribute("data-status", "refused");
    await expect(rule(page, "notRecent")).toContainText("Refused by the server");
    await expect(newPassword).toBeFocused();
    await expectNoSeriousViolations(page, "the change-password screen");

    // A good password is taken and the sign-in goes on to the OTP, then the desktop.
    await newPassword.fill(NEW_PASSWORD);
    await confirm.fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.locator("main[data-screen=otp]")).toBeVisible();
    await page.getByLabel("One-time password", { exact: true }).fill(await sim.latestOtp(userId));
    await page.keyboard.press("Enter");
    await expect(page.locator("main[data-screen=desktop]")).toBeVisible();

    // The new password is the one that signs in from now on.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.locator("main[data-screen=login]")).toBeVisible();
    await signInWithPassword(page, userId, NEW_PASSWORD);
    await expect(page.locator("main[data-screen=otp]")).toBeVisible();
  } finally {
    await stopShellUnder(page, shell);
  }
});

test("the change-password screen in Traditional Chinese states the policy and passes axe", async ({
  page,
}) => {
  const userId = await expiredUser();
  const { shell } = await openAgainstSimulator(page);
  try {
    await page.getByRole("button", { name: "繁體中文" }).click();
    await page.getByLabel("用戶編號", { exact: true }).fill(userId);
    await page.getByLabel("密碼", { exact: true }).fill(OLD_PASSWORD);
    await page.keyboard.press("Enter");
    await expect(page.locator("main[data-screen=changePassword]")).toBeVisible();
    await expect(page.getByRole("heading", { name: "設定新密碼" })).toBeVisible();
    await expect(rule(page, "length")).toContainText("最少 10 個字元");
    await expect(rule(page, "notRecent")).toContainText("不可與最近 5 個密碼相同");
    await page.getByLabel("新密碼", { exact: true }).fill("short1");
    await page.getByLabel("確認新密碼", { exact: true }).fill("short1");
    await page.getByRole("button", { name: "更改密碼" }).click();
    await expect(page.locator("#new-password-problem")).toContainText("最少 10 個字元");
    await expectNoSeriousViolations(page, "the change-password screen");
  } finally {
    await stopShellUnder(page, shell);
  }
});
