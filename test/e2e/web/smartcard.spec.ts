import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { ensurePcscd, pcscSkipReason, type PcscdHandle } from "../../support/pcscd.js";
import { startSimulatorProcess, type SimulatorProcess } from "../../support/simulator-process.js";
import { startVirtualCard, type VirtualCardProcess } from "../../support/virtual-card-process.js";
import { expectScreenAccessible } from "./axe.js";
import { DEMO_PASSWORD, expect, signInWithPassword, test } from "./fixtures.js";
import { startBrowserShellFor, stopShellUnder, type BrowserShell } from "./shell.js";

const PASSWORD = "Card#2023pass";
const PIN = "1357";
const READER = "Virtual PCD 00 00";
const skipReason = pcscSkipReason();

let sim: SimulatorProcess;
let pcscd: PcscdHandle;
let cardsDir: string;
let serial = 0;

test.describe.configure({ mode: "serial" });
test.skip(skipReason !== undefined, `PC/SC is not available here: ${skipReason}`);

test.beforeAll(async () => {
  pcscd = await ensurePcscd();
  sim = await startSimulatorProcess();
  cardsDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-e2e-cards-"));
});

test.afterAll(async () => {
  await sim?.stop();
  await pcscd?.stop();
  if (cardsDir) fs.rmSync(cardsDir, { recursive: true, force: true });
});

/** A browser shell of the test's own, talking to the standalone simulator over HTTPS (its CA trusted). */
const shellAgainstSimulator = (): Promise<BrowserShell> => startBrowserShellFor(sim);

type Phase = "smartcard-only" | "parallel-run" | "2fa-only";

async function cardHolder(
  phase: Phase,
  createdAt = "2023-01-05T09:00:00+08:00",
  withEmail = true,
): Promise<string> {
  const userId = `card.user${++serial}`;
  const created = await sim.control("POST", "/__sim/users", {
    userId,
    password: PASSWORD,
    ...(withEmail ? { email: `${userId}@cp002.example.com` } : {}),
    role: "user",
    participant: "CP002",
    clearingHouse: "HKSCC",
    createdAt,
    hasSmartcard: true,
  });
  expect(created.status).toBe(201);
  expect((await sim.control("PUT", "/__sim/phase", { phase })).status).toBe(200);
  return userId;
}

async function insertCardOf(userId: string): Promise<VirtualCardProcess> {
  const issued = await sim.control("POST", "/__sim/cards", { userId, pin: PIN });
  expect(issued.status).toBe(201);
  const file = path.join(cardsDir, `${userId}.json`);
  fs.writeFileSync(file, JSON.stringify((issued.body as { card: unknown }).card));
  return startVirtualCard(file);
}

/** Opens the page; the login form already names the server the shell was started with, CA file included. */
async function openAgainst(page: Page, shellUrl: string) {
  await page.goto(shellUrl);
  await expect(page.locator("main[data-screen=login]")).toBeVisible();
  await expect(page.getByText(`Connected to ${sim.url}`)).toBeVisible();
  await expectPointedAtSimulator(page);
}

async function expectPointedAtSimulator(page: Page) {
  await expect(page.getByRole("radio", { name: "Another 2FA server" })).toBeChecked();
  await expect(page.getByLabel("Server address (https://…)", { exact: true })).toHaveValue(sim.url);
  await expect(page.getByLabel("CA certificate file (optional)", { exact: true })).toHaveValue(sim.caFile);
}

const readerRow = (page: Page) => page.locator("label.reader", { hasText: READER });

test.describe("smartcard sign-in in the browser shell", () => {
  test("smartcard-only: signs in with a virtual card in a PC/SC reader, with live card status", async ({
    page,
  }) => {
    const shell = await shellAgainstSimulator();
    const userId = await cardHolder("smartcard-only");
    try {
      await openAgainst(page, shell.launchUrl);
      await signInWithPassword(page, userId, PASSWORD);
      await expect(page.locator("main[data-screen=smartcard]")).toBeVisible();
      await expect(page.getByRole("heading", { name: "Sign in with your smartcard" })).toBeVisible();
      await expect(readerRow(page).getByTestId("card-state")).toHaveText("No card");

      const card = await insertCardOf(userId);
      try {
        await expect(readerRow(page).getByTestId("card-state")).toHaveText("Card inserted");
        await readerRow(page).getByRole("radio").check();
        await expect(page.getByTestId("pin-tries")).toHaveText(
          "3 PIN tries left before the card is blocked.",
        );
        await page.getByLabel("Card PIN", { exact: true }).fill(PIN);
        await page.getByRole("button", { name: "Sign in with smartcard" }).click();
        await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
        await expect(page.getByTestId("session-user")).toContainText(userId);
      } finally {
        await card.remove();
      }
    } finally {
      await stopShellUnder(page, shell);
    }
  });

  test("parallel-run: the method choice offers the card; three wrong PINs block it and the page says so", async ({
    page,
  }) => {
    const shell = await shellAgainstSimulator();
    const userId = await cardHolder("parallel-run");
    const card = await insertCardOf(userId);
    try {
      await openAgainst(page, shell.launchUrl);
      await signInWithPassword(page, userId, PASSWORD);
      await expectScreenAccessible(page, "methodChoice");
      await expect(
        page.getByRole("button", { name: "Two-factor authentication (recommended)" }),
      ).toBeVisible();
      await page.getByRole("button", { name: "Smartcard", exact: true }).click();
      await expect(page.locator("main[data-screen=smartcard]")).toBeVisible();
      await readerRow(page).getByRole("radio").check();
      await expect(page.getByTestId("pin-tries")).toHaveText(/3 PIN tries left/);

      const pin = page.getByLabel("Card PIN", { exact: true });
      const submit = page.getByRole("button", { name: "Sign in with smartcard" });
      await pin.fill("0000");
      await submit.click();
      await expect(page.locator("#smartcard-error")).toHaveText(
        "The PIN is not correct. 2 tries left before the card is blocked.",
      );
      await pin.fill("0000");
      await submit.click();
      await expect(page.locator("#smartcard-error")).toHaveText(
        "The PIN is not correct. 1 try left before the card is blocked.",
      );
      await pin.fill("0000");
      await submit.click();
      await expect(page.locator("#smartcard-error")).toHaveAttribute("data-code", "CARD_BLOCKED");
      await expect(page.locator("#smartcard-error")).toContainText("blocked");
      await expect(page.getByTestId("pin-tries")).toContainText("This card is blocked");
      await expectScreenAccessible(page, "smartcard");
      await expect(submit).toBeDisabled();

      // Ctrl-C on the virtual card: the page follows the removal.
      await card.remove();
      await expect(readerRow(page).getByTestId("card-state")).toHaveText("No card");
    } finally {
      await card.remove();
      await stopShellUnder(page, shell);
    }
  });

  test("the OTP screen offers the card only to a user the phase allows", async ({ page }) => {
    const shell = await shellAgainstSimulator();
    try {
      const holder = await cardHolder("parallel-run");
      await openAgainst(page, shell.launchUrl);
      await signInWithPassword(page, holder, PASSWORD);
      await page.getByRole("button", { name: "Two-factor authentication (recommended)" }).click();
      await expect(page.locator("main[data-screen=otp]")).toBeVisible();
      const fallback = page.getByRole("button", { name: "Having trouble? Use your smartcard instead" });
      await fallback.click();
      await expect(page.locator("main[data-screen=smartcard]")).toBeVisible();
      await page.getByRole("button", { name: "Back to sign in" }).click();
      await expect(page.locator("main[data-screen=login]")).toBeVisible();

      const newcomer = await cardHolder("parallel-run", "2023-06-20T09:00:00+08:00");
      await expect(page.locator("main[data-screen=login]")).toBeVisible();
      await expectPointedAtSimulator(page);
      await signInWithPassword(page, newcomer, PASSWORD);
      await expect(page.locator("main[data-screen=otp]")).toBeVisible();
      await expect(
        page.getByRole("button", { name: "Having trouble? Use your smartcard instead" }),
      ).toHaveCount(0);
    } finally {
      await stopShellUnder(page, shell);
    }
  });

  test("parallel-run: a card holder without a registered email is offered the card and signs in with it", async ({
    page,
  }) => {
    const shell = await shellAgainstSimulator();
    const userId = await cardHolder("parallel-run", "2023-01-05T09:00:00+08:00", false);
    const card = await insertCardOf(userId);
    try {
      await openAgainst(page, shell.launchUrl);
      await signInWithPassword(page, userId, PASSWORD);
      await expect(page.locator("main[data-screen=outcome]")).toBeVisible();
      await expect(page.getByRole("heading", { name: "No email address registered" })).toBeVisible();
      await page.getByRole("button", { name: "Sign in with your smartcard instead" }).click();
      await expect(page.locator("main[data-screen=smartcard]")).toBeVisible();
      await readerRow(page).getByRole("radio").check();
      await page.getByLabel("Card PIN", { exact: true }).fill(PIN);
      await page.getByRole("button", { name: "Sign in with smartcard" }).click();
      await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
    } finally {
      await card.remove();
      await stopShellUnder(page, shell);
    }
  });

  // The built-in simulator issues a practice card and the app serves it to vpcd itself.
  test("a practice card goes into the virtual PC/SC reader, where the app sees it, and signs in", async ({
    app: page,
  }) => {
    await page.getByRole("button", { name: "Rehearsal" }).click();
    const panel = page.getByRole("region", { name: "Rehearsal" });
    await panel.getByRole("radio", { name: "Before 2FA (smartcard only)" }).check();
    await panel.getByRole("button", { name: "Move to this moment" }).click();
    await expect(panel.getByRole("status")).toContainText("27 Apr 2023");
    await page.keyboard.press("Escape");

    await signInWithPassword(page, "demo.user", DEMO_PASSWORD);
    await expect(page.locator("main[data-screen=smartcard]")).toBeVisible();
    const practice = page.getByRole("region", { name: "Practice card" });
    const into = practice.getByRole("radio", { name: `${READER} (the PC/SC virtual reader)` });
    await into.check();
    await practice.getByLabel("PIN for the practice card").fill("97531");
    await practice.getByRole("button", { name: "Issue a practice card" }).click();
    await expect(practice.getByRole("status")).toHaveText(
      `A practice card for demo.user is in ${READER}. Enter its PIN below to sign in.`,
    );
    const row = page.locator("label.reader", { hasText: READER });
    await expect(row.getByRole("radio")).toBeChecked();
    await expect(row.getByTestId("card-state")).toHaveText("Card inserted");
    await expect(page.getByTestId("pin-tries")).toHaveText(/3 PIN tries left/);
    await page.getByLabel("Card PIN", { exact: true }).fill("97531");
    await page.getByRole("button", { name: "Sign in with smartcard" }).click();
    await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
    await expect(page.getByText("Signed in with")).toBeVisible();
  });
});
