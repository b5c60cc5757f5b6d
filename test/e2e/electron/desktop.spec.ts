import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { _electron as electron, type ElectronApplication, type Page } from "@playwright/test";
import { databaseFile, Db } from "../../../simulator/store/database.js";
import { expect, readOtpFromMailbox, signInWithPassword, test } from "../web/fixtures.js";

const root = path.resolve(import.meta.dirname, "../../..");
const mainBundle = path.join(root, "dist-electron/main.cjs");

/** Electron's binary, or why it is not there (it is fetched from GitHub at install, which some machines cannot reach). */
function findElectronBinary(): { binary: string } | { reason: string } {
  try {
    const binary = createRequire(import.meta.url)("electron") as unknown;
    if (typeof binary !== "string") return { reason: "the electron package did not give a binary path" };
    if (!fs.existsSync(binary)) return { reason: `${binary} does not exist` };
    return { binary };
  } catch (error) {
    return { reason: error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error) };
  }
}

const found = findElectronBinary();
const skipReason =
  "reason" in found ? `Electron binary not installed (node_modules/electron/dist): ${found.reason}` : "";
if (skipReason) console.log(`Skipping the Electron specs: ${skipReason}`);
test.skip(Boolean(skipReason), skipReason);

// Root (CI containers) cannot use Chromium's setuid sandbox; the renderer's own sandbox flag still applies.
const chromiumFlags = process.getuid?.() === 0 ? ["--no-sandbox"] : [];

let dataDir: string;
let app: ElectronApplication;
let page: Page;

test.beforeAll(() => {
  if (skipReason) return;
  execFileSync("node", [path.join(root, "build/bundle-electron.mjs")], { stdio: "inherit" });
});

test.beforeEach(async ({ pageErrors }) => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-electron-"));
  app = await electron.launch({ args: [...chromiumFlags, mainBundle, "--data", dataDir], cwd: root });
  // The window's uncaught errors fail the test, as every page's do.
  pageErrors.watchContext(app.context());
  page = await app.firstWindow();
  pageErrors.watch(page);
  await expect(page.locator("main[data-screen=login]")).toBeVisible();
});

test.afterEach(async () => {
  await app?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test("opens one hardened window on the app:// page, with window.ccms and no Node", async () => {
  expect(page.url()).toBe("app://ccms/index.html");
  expect(
    await page.evaluate(() => [
      typeof (globalThis as { require?: unknown }).require,
      typeof (globalThis as { process?: unknown }).process,
    ]),
  ).toEqual(["undefined", "undefined"]);
  expect(
    await page.evaluate(() => Object.keys((globalThis as unknown as { ccms: object }).ccms).sort()),
  ).toEqual(expect.arrayContaining(["app", "auth", "mailbox", "on"]));
});

test("denies new windows and navigation away from the app", async () => {
  expect(
    await page.evaluate(
      () => (globalThis as unknown as { open(url: string): unknown }).open("https://example.com/") === null,
    ),
  ).toBe(true);
  await page.evaluate(() => {
    (globalThis as unknown as { location: { href: string } }).location.href = "https://example.com/";
  });
  await expect(page.locator("main[data-screen=login]")).toBeVisible();
  expect(page.url()).toBe("app://ccms/index.html");
  expect(app.windows()).toHaveLength(1);
});

/** The simulator's phase banner, which replaces "Starting the built-in simulator…" once it is up. */
async function untilSimulatorReady(): Promise<void> {
  await expect(page.locator(".sim-banner:not([data-phase=starting])")).toBeVisible({ timeout: 60_000 });
}

test("runs the built-in simulator in a utility process of its own, beside the window", async () => {
  await untilSimulatorReady();
  const processes = await app.evaluate(({ app: electronApp }) =>
    electronApp.getAppMetrics().map((metric) => ({ type: metric.type, name: metric.name ?? "" })),
  );
  expect(processes).toContainEqual({ type: "Utility", name: "CCMS built-in simulator" });
});

test("signs in against the built-in simulator with password and the OTP from the simulated mailbox, then signs out", async () => {
  await untilSimulatorReady();
  await signInWithPassword(page);
  await expect(page.locator("main[data-screen=otp]")).toBeVisible();
  const otp = await readOtpFromMailbox(page);
  await page.getByLabel("One-time password", { exact: true }).fill(otp);
  await page.keyboard.press("Enter");
  await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.locator("main[data-screen=login]")).toBeVisible();
});

test("closing the app stops the simulator cleanly: its database whole, the session it issued kept", async () => {
  await untilSimulatorReady();
  await signInWithPassword(page);
  const otp = await readOtpFromMailbox(page);
  await page.getByLabel("One-time password", { exact: true }).fill(otp);
  await page.keyboard.press("Enter");
  await expect(page.locator("main[data-screen=desktop]")).toBeVisible();
  await app.close();
  const dbFile = databaseFile(path.join(dataDir, "simulator"));
  // A clean close copies the WAL into the database file.
  expect(fs.statSync(`${dbFile}-wal`).size).toBe(0);
  const db = Db.open(dbFile, { readOnly: true });
  try {
    expect(db.pragma("integrity_check")).toBe("ok");
    expect(
      db.prepare<[], { n: number }>("SELECT count(*) AS n FROM sessions WHERE revoked_at IS NULL").get()?.n,
    ).toBe(1);
  } finally {
    db.close();
  }
});

test("a second instance on the same data folder exits at once", async () => {
  if ("reason" in found) return;
  const second = spawn(found.binary, [...chromiumFlags, mainBundle, "--data", dataDir], {
    cwd: root,
    stdio: "ignore",
  });
  const code = await new Promise<number | null>((resolve) =>
    second.on("exit", (exitCode) => resolve(exitCode)),
  );
  expect(code).toBe(0);
  expect(app.windows()).toHaveLength(1);
});
