import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { type Simulator } from "../../../qa/index.js";
import { pcNameFrom } from "../../../renderer/features/readiness/pc-name.js";
import { expectNoSeriousViolations } from "./axe.js";
import { callApi, DEMO_PASSWORD, expect, signInWithPassword, test } from "./fixtures.js";

let filesDir: string;

test.beforeAll(() => {
  filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-e2e-reports-"));
});
test.afterAll(() => fs.rmSync(filesDir, { recursive: true, force: true }));
// The board counts every user of CP001: start from the seeded ones, whatever a spec before left.
test.beforeEach(async ({ simulator }) => {
  await simulator.reset();
});

/** The day before the email and connectivity deadline; the phase pinned so that everyone signs in with an OTP. */
async function dayBeforeDeadline(simulator: Simulator) {
  await simulator.setClock("2023-04-27T10:00:00+08:00");
  await simulator.setPhase("2fa-only");
}

const signInAs = (userId: string) => ({ userId, password: DEMO_PASSWORD });

async function openBoard(page: Page) {
  await page.getByRole("button", { name: "Migration readiness" }).click();
  await expect(page.locator("[data-board-state=ready]")).toBeVisible();
}

function writeFile(name: string, content: string): string {
  const file = path.join(filesDir, name);
  fs.writeFileSync(file, content);
  return file;
}

const validReport = JSON.stringify({
  status: "pass",
  startedAt: "2023-04-26T09:15:00.000Z",
  target: "https://sso.hkexposttrade.com.hk/sso",
  steps: ["proxy", "dns", "tcp", "tls", "http", "page"].map((id) => ({
    id,
    status: "pass",
    durationMs: 2,
    detail: "ok",
    hint: null,
  })),
  timings: { dnsMs: 1, connectMs: 1, tlsMs: 2, ttfbMs: 3, totalMs: 12 },
});

test("the DA's board: deadlines, users not ready, uploads refused or added, CSV, both languages", async ({
  app: page,
  terminal,
  simulator,
  webShell,
}) => {
  await dayBeforeDeadline(simulator);
  await terminal.signInWithOtp(signInAs("demo.da"));
  await openBoard(page);

  await expect(page.getByRole("heading", { name: "CP001 is not ready yet" })).toBeVisible();
  await expect(page.getByTestId("users-not-ready")).toHaveText("3 of 4 users not ready");
  await expect(page.getByText("1 user has no email registered for 2FA.")).toBeVisible();
  await expect(page.getByText("No terminal PC's connectivity result has reached the board.")).toBeVisible();
  await expect(page.locator("[data-deadline=readinessDeadline]")).toContainText("1 day left");
  await expect(page.locator("[data-deadline=readinessDeadline]")).toContainText("28 Apr 2023");
  await expect(page.locator("[data-deadline=launch]")).toContainText("32 days left");
  await expect(page.locator("[data-deadline=userEmailRegistrationOpens]")).toContainText(
    "Passed 129 days ago",
  );

  // "Needs action" first; "All" adds the DA, who just signed in with 2FA.
  const rows = page.locator("table.board-users tbody tr");
  await expect(rows).toHaveCount(3);
  await expect(page.locator('tr[data-user-id="demo.noemail"]')).toContainText("Not registered");
  await expect(page.locator('tr[data-user-id="demo.noemail"]')).toContainText("Never yet");
  await page.getByRole("button", { name: "All (4)" }).click();
  await expect(rows).toHaveCount(4);
  await expect(page.locator('tr[data-user-id="demo.da"]')).toContainText("Ready");
  await expect(page.locator('tr[data-user-id="demo.da"]')).toContainText("password and one-time password");
  await expectNoSeriousViolations(page, "the readiness board");

  // Four saved files: one report, and three that are refused, each with its reason.
  await page
    .getByLabel("Choose JSON report files")
    .setInputFiles([
      writeFile("PC-ALPHA.json", validReport),
      writeFile("notes.json", "PC-ALPHA passed, all fine"),
      writeFile("wrong.json", JSON.stringify({ status: "ok", machine: "PC-9" })),
      writeFile("big.json", `{"padding":"${"x".repeat(10 * 1024 * 1024)}"}`),
    ]);
  await expect(page.getByLabel("PC name for PC-ALPHA.json")).toHaveValue("PC-ALPHA");
  await expect(page.getByLabel("PC name for notes.json")).toHaveValue("notes");
  await page.getByRole("button", { name: "Upload 4 reports" }).click();
  await expect(page.locator('[data-file="PC-ALPHA.json"]')).toContainText("Added to the board for PC-ALPHA.");
  await expect(page.locator('[data-file="notes.json"] [role=alert]')).toContainText(
    "notes.json was not added: The file is not JSON.",
  );
  await expect(page.locator('[data-file="wrong.json"] [role=alert]')).toContainText(
    "wrong.json was not added: The file is not a connectivity report of the CCMS Terminal.",
  );
  await expect(page.locator('[data-file="big.json"] [role=alert]')).toContainText(
    "The file is too large: a connectivity report is at most 64 KB.",
  );
  await expect(page.locator('tr[data-pc="PC-ALPHA"]')).toContainText("Passed");
  await expect(page.locator('tr[data-pc="PC-ALPHA"]')).toContainText("Uploaded by demo.da");
  await expect(page.getByTestId("pcs-summary")).toHaveText("1 PC checked, 0 failing (1 results received)");
  await expect(page.getByText("No terminal PC's connectivity result has reached the board.")).toHaveCount(0);
  // Nothing of the refused files was stored.
  const board = (await callApi(page, webShell, "readiness.board")).body as { pcs: { results: number } };
  expect(board.pcs.results).toBe(1);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export to CSV" }).click();
  const csv = fs.readFileSync((await (await download).path()) ?? "", "utf8");
  expect(csv.startsWith("\uFEFFParticipant,CP001 Demo Securities Limited")).toBe(true);
  expect(csv).toContain("demo.noemail,Lee Ka Yan,User,Not registered,Yes");
  expect(csv).toContain("PC-ALPHA,Passed");

  await page.getByRole("button", { name: "繁體中文" }).click();
  await expect(page.getByRole("heading", { name: "遷移準備狀況", level: 1 })).toBeVisible();
  await expect(page.getByTestId("users-not-ready")).toHaveText("4 位用戶中有 3 位未準備就緒");
  await expect(page.locator("[data-deadline=readinessDeadline]")).toContainText("尚餘 1 日");
  await expectNoSeriousViolations(page, "the readiness board in Chinese");
  const chineseDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "匯出 CSV" }).click();
  const chineseCsv = fs.readFileSync((await (await chineseDownload).path()) ?? "", "utf8");
  expect(chineseCsv).toContain("用戶編號");
  expect(chineseCsv).toContain("2023年4月28日");
});

test("a user sends the check just run to the participant's board, under the PC name they give", async ({
  app: page,
  terminal,
  simulator,
}) => {
  await dayBeforeDeadline(simulator);
  await terminal.signInWithOtp(signInAs("demo.user"));
  await page.getByRole("button", { name: "Connectivity check" }).click();
  await expect(page.locator("main[data-screen=connectivity]")).toBeVisible();
  await page.getByLabel("Another address").check();
  await page.getByLabel("Address", { exact: true }).fill(`${simulator.url}/sso`);
  await page.getByText("More options").click();
  await page.getByLabel("Extra CA certificate file (optional)").fill(simulator.caFile);
  await page.getByRole("button", { name: "Run the check" }).click();
  const send = page.getByRole("form", { name: "Send this result to my participant's board" });
  await expect(send).toBeVisible({ timeout: 30_000 });

  const pcName = send.getByLabel("PC name", { exact: true });
  await expect(pcName).toHaveValue(pcNameFrom(os.hostname()));
  await pcName.fill("TERM-07");
  await send.getByRole("button", { name: "Send to the board" }).click();
  await expect(send.getByRole("status")).toHaveText("The result is on your participant's board for TERM-07.");
  await page.getByRole("button", { name: "Back to the desktop" }).click();
  await page.getByRole("button", { name: "Sign out" }).click();

  await terminal.signInWithOtp(signInAs("demo.da"));
  await openBoard(page);
  await expect(page.locator('tr[data-pc="TERM-07"]')).toContainText("Sent from the app by demo.user");
});

test("a DA who signed in with the smartcard before launch has the board too", async ({
  app: page,
  simulator,
}) => {
  await simulator.setClock("2023-04-20T10:00:00+08:00");
  const { file: cardFile } = await simulator.issueCard({ userId: "demo.da", pin: "2468" });

  await signInWithPassword(page, "demo.da", DEMO_PASSWORD);
  await expect(page.locator("main[data-screen=smartcard]")).toBeVisible();
  await page.getByText("Simulated reader (no card reader needed)").click();
  await page.getByLabel("Card file", { exact: true }).fill(cardFile);
  await page.getByRole("button", { name: "Insert card" }).click();
  // In the list of readers: the practice card's panel offers the same reader by name.
  await page
    .getByRole("radiogroup", { name: "Card reader" })
    .getByRole("radio", { name: /CCMS Simulated Reader/ })
    .check();
  await page.getByLabel("Card PIN", { exact: true }).fill("2468");
  await page.getByRole("button", { name: "Sign in with smartcard" }).click();
  await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
  await expect(page.getByText("smartcard", { exact: true })).toBeVisible();

  await openBoard(page);
  // Before launch only the missing email counts: nobody can sign in with 2FA yet.
  await expect(page.getByTestId("users-not-ready")).toHaveText("1 of 4 users not ready");
  await expect(page.locator("[data-deadline=readinessDeadline]")).toContainText("8 days left");
});

test("a participant with many users: a page of them at first, the next on request", async ({
  app: page,
  terminal,
  simulator,
}) => {
  await dayBeforeDeadline(simulator);
  const created = [];
  for (let i = 0; i < 120; i++) {
    created.push(
      simulator.createUser({
        userId: `many.u${String(i).padStart(3, "0")}`,
        password: DEMO_PASSWORD,
        role: i === 0 ? "da" : "user",
        participant: "CP777",
        clearingHouse: "HKCC",
        email: i === 0 ? "many.da@cp777.example.com" : undefined,
      }),
    );
  }
  await Promise.all(created);
  await terminal.signInWithOtp(signInAs("many.u000"));
  await openBoard(page);
  await expect(page.getByTestId("users-not-ready")).toHaveText("119 of 120 users not ready");
  const rows = page.locator("table.board-users tbody tr");
  await expect(rows).toHaveCount(100);
  await page.getByRole("button", { name: "Show 19 more (19 not shown)" }).click();
  await expect(rows).toHaveCount(119);
  await expect(page.locator('tr[data-user-id="many.u119"]')).toBeVisible();
  await expect(page.getByRole("button", { name: /^Show \d+ more/ })).toHaveCount(0);
  await page.getByRole("button", { name: "All (120)" }).click();
  await expect(rows).toHaveCount(100);
  await expect(page.locator('tr[data-user-id="many.u000"]')).toContainText("Ready");
});
