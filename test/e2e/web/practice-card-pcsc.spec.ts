import { ensurePcscd, pcscSkipReason, type PcscdHandle } from "../../support/pcscd.js";
import { DEMO_PASSWORD, expect, signInWithPassword, test } from "./fixtures.js";

const READER = "Virtual PCD 00 00";
const skipReason = pcscSkipReason();
let pcscd: PcscdHandle | undefined;

test.describe.configure({ mode: "serial" });
test.skip(skipReason !== undefined, `PC/SC is not available here: ${skipReason}`);
test.beforeAll(async () => {
  pcscd = await ensurePcscd();
});
test.afterAll(async () => {
  await pcscd?.stop();
});

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
