import fs from "node:fs";
import type { Page } from "@playwright/test";
import { type PgCluster, postgresUnavailable, startPostgres } from "../../support/postgres-cluster.js";
import { type SimulatorProcess, startSimulatorProcess } from "../../support/simulator-process.js";
import { expectNoSeriousViolations } from "./axe.js";
import { DEMO_PASSWORD, expect, test } from "./fixtures.js";
import { type BrowserShell, startBrowserShellFor } from "./shell.js";

/**
 * A training room on loopback: PostgreSQL, two simulator instances on it, and the app of the trainer
 * connected to the first. Trainees sign in through the second; the trainer's view of the room, opened
 * from the Rehearsal panel with the room's control token, shows them without reloading.
 */
const missing = postgresUnavailable();
const token = "training-room-control-token";
let cluster: PgCluster | undefined;
const instances: SimulatorProcess[] = [];
let shell: BrowserShell | undefined;

test.describe.configure({ mode: "serial" });
test.skip(missing !== null, `the room on PostgreSQL needs a cluster: ${missing ?? ""}`);

test.beforeAll(async () => {
  cluster = await startPostgres();
  const url = await cluster.createDatabase("room_e2e");
  // One at a time: the first makes the schema, the CA and the demo users.
  for (let i = 0; i < 2; i++)
    instances.push(await startSimulatorProcess(["--database", url], { controlToken: token }));
  const [trainer] = instances;
  if (!trainer) throw new Error("no instance");
  // Launch day of the parallel run, since a start over.
  expect((await trainer.control("PUT", "/__sim/rehearsal/moment", { preset: "launch-day" })).status).toBe(
    200,
  );
  expect((await trainer.control("POST", "/__sim/rehearsal/start-over")).status).toBe(200);
  shell = await startBrowserShellFor(trainer, { env: { CCMS_SIM_TOKEN: undefined } });
});

test.afterAll(async () => {
  await shell?.stop();
  await Promise.all(instances.map((instance) => instance.stop()));
  cluster?.remove();
});

const trainees = () => {
  const instance = instances[1];
  if (!instance) throw new Error("no second instance");
  return instance;
};
const row = (page: Page, userId: string) => page.locator(`.room-table tr[data-user-id="${userId}"]`);
/** The room reads itself again every second: a change shows within two. */
const withinTwoSeconds = { timeout: 2_000 };

async function openRoom(page: Page): Promise<void> {
  if (!shell) throw new Error("no shell");
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(shell.launchUrl);
  await expect(page.locator("main[data-screen=login]")).toBeVisible();
  const banner = page.getByRole("complementary", { name: "Simulated environment" });
  // The app keeps a trainer's token until it quits: given once, in the first test.
  const kept = await banner
    .getByRole("button", { name: "Rehearsal" })
    .waitFor({ timeout: 5_000 })
    .then(
      () => true,
      () => false,
    );
  if (!kept) {
    const trainer = page.locator("details.trainer-token");
    await trainer.getByText("Trainer: control this simulator").click();
    await trainer.getByLabel("Simulator control token").fill(token);
    await page.keyboard.press("Enter");
    await expect(trainer.getByRole("status")).toHaveText(
      "Trainer controls are on: open Rehearsal in the banner.",
    );
  }
  await banner.getByRole("button", { name: "Rehearsal" }).click();
  await page.getByRole("button", { name: "View the room" }).click();
  await expect(page.locator("main[data-screen=room]")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "The room" })).toBeFocused();
  expect(errors).toEqual([]);
}

async function signInOverTheWire(userId: string): Promise<string> {
  const begun = await trainees().call("POST", "/sso/api/v1/authn", { userId, password: DEMO_PASSWORD });
  const { stateToken } = begun.body as { stateToken: string };
  const otp = await trainees().latestOtp(userId);
  const done = await trainees().call("POST", "/sso/api/v1/authn/otp/verify", { stateToken, otp });
  expect(done.body).toMatchObject({ state: "SUCCESS" });
  return (done.body as { sessionToken: string }).sessionToken;
}

test("the trainer sees the room update without reloading, and acts on one trainee at a time", async ({
  page,
}) => {
  await openRoom(page);
  await expect(page.getByText("Nobody has signed in or tried since the last start over.")).toBeVisible();

  // A card holder stops at the choice of method (signed in through the other instance).
  await trainees().call("POST", "/sso/api/v1/authn", { userId: "demo.user", password: DEMO_PASSWORD });
  await expect(row(page, "demo.user")).toContainText("Choosing the method", withinTwoSeconds);
  await expect(row(page, "demo.user")).toContainText("Not signed in");

  // One without a card signs in: the desktop.
  const session = await signInOverTheWire("demo.newuser");
  await expect(row(page, "demo.newuser")).toContainText("Desktop", withinTwoSeconds);
  await expect(row(page, "demo.newuser")).toContainText("Signed in");
  await expect(row(page, "demo.newuser")).toContainText("1 of 4 done");

  // Five wrong passwords lock one out.
  for (let i = 0; i < 5; i++) {
    await trainees().call("POST", "/sso/api/v1/authn", {
      userId: "demo.noemail",
      password: "Wrong#2023pass",
    });
  }
  await expect(row(page, "demo.noemail").locator("time.locked")).toBeVisible(withinTwoSeconds);
  await expect(page.getByRole("table")).toHaveAccessibleName(/3 trainees · 1 signed in, 1 locked/);
  await expectNoSeriousViolations(page, "the room", { screen: "room" });

  // By keyboard: unlock the one locked out; the others stay as they are.
  await page.getByRole("button", { name: "Unlock demo.noemail" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByTestId("room-done")).toHaveText("demo.noemail is unlocked.");
  await expect(row(page, "demo.noemail")).toContainText("Not locked");
  await expect(page.getByRole("button", { name: "Unlock demo.noemail" })).toBeFocused();

  // End one trainee's session: their token no longer works on either instance.
  await page.getByRole("button", { name: "End session: demo.newuser" }).click();
  await expect(page.getByTestId("room-done")).toHaveText("1 session of demo.newuser ended.");
  await expect(row(page, "demo.newuser")).toContainText("Not signed in");
  const ended = await instances[0]?.call("GET", "/sso/api/v1/session/status", undefined, session);
  expect(ended?.body).toMatchObject({
    error: { code: "SESSION_EXPIRED", details: { reason: "signed-out-elsewhere" } },
  });

  // The room's record as CSV, in Hong Kong time.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export to CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^ccms-room-\d{4}-\d\d-\d\d-\d{4}\.csv$/);
  const csv = fs.readFileSync((await file.path()) ?? "", "utf8");
  expect(csv.startsWith("\uFEFFThe room\r\n")).toBe(true);
  expect(csv).toMatch(
    /\r\ndemo\.newuser,Ho Chi Keung,User,CP001 Demo Securities Limited,Not signed in,,Password,1,4,/,
  );
  expect(csv).toContain("29 May 2023");
  expect(csv).toContain("HKT");

  // Start one trainee over: they leave the room; the others stay; focus goes back to the top.
  await page.getByRole("button", { name: "Start over: demo.user" }).click();
  await expect(page.getByTestId("room-done")).toContainText("demo.user starts over");
  await expect(row(page, "demo.user")).toHaveCount(0);
  await expect(row(page, "demo.newuser")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "The room" })).toBeFocused();

  // Back where the trainer came from.
  await page.getByRole("button", { name: "Back", exact: true }).click();
  await expect(page.locator("main[data-screen=login]")).toBeVisible();
});

test("the room reads in Traditional Chinese, with no English left", async ({ page }) => {
  await openRoom(page);
  await page.getByRole("button", { name: "繁體中文" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "培訓室" })).toBeVisible();
  await trainees().call("POST", "/sso/api/v1/authn", { userId: "demo.da", password: DEMO_PASSWORD });
  await expect(row(page, "demo.da")).toContainText("選擇認證方式", withinTwoSeconds);
  const table = page.getByRole("table");
  for (const header of ["學員", "結算參與者", "登入狀態", "鎖定至", "步驟", "練習", "最近活動", "操作"]) {
    await expect(table.getByRole("columnheader", { name: header })).toBeVisible();
  }
  await expect(page.getByRole("button", { name: "重新開始：demo.da" })).toBeVisible();
  // Names, IDs and codes are data; every other word of the screen is Chinese.
  const names = new Set([
    "Chan",
    "Tai",
    "Man",
    "Wong",
    "Siu",
    "Ming",
    "Lee",
    "Ka",
    "Yan",
    "Ho",
    "Chi",
    "Keung",
  ]);
  const text = (await page.locator("main").innerText()).replace(/\b(demo\.\w+|CP\d+|HKT|CSV|DA)\b/g, "");
  expect((text.match(/[A-Za-z]{2,}/g) ?? []).filter((word) => !names.has(word))).toEqual([]);
  await expectNoSeriousViolations(page, "the room in Chinese", { screen: "room" });
});
