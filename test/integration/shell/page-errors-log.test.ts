import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Envelope } from "../../../shared/contract/api.js";
import { openAppLog, teeConsoleToLog, type AppLog } from "../../../electron/host/app-log.js";
import type { HostPlatform } from "../../../electron/host/context.js";
import { createServices, type Services } from "../../../electron/host/create-services.js";
import { reportPageErrors } from "../../../renderer/app/report-page-errors.js";
import { nodePlatform, untilSimulatorSettled } from "../../support/host-services.js";
import { connectPage } from "../../support/page-bridge.js";
import { demoPassword } from "../simulator/sim-harness.js";

/**
 * The page's uncaught errors on their way to the app's log, as the browser shell carries them: the
 * window's events, reportPageErrors, the HTTP bridge, app.reportError's handler behind the contract,
 * and the log file in the local data folder.
 */
const root = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-page-errors-"));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** The host as the browser shell builds it, with its log in the local data folder. */
async function servicesWithLog(label: string, platform: HostPlatform = {}) {
  const dataDir = fs.mkdtempSync(path.join(root, `${label}-`));
  const localDataDir = path.join(dataDir, "local");
  const log = openAppLog(localDataDir);
  const services = await createServices(
    { dataDir, localDataDir, shell: "web", version: "0.0.0-test", simulatorHashProfile: "fast" },
    () => {},
    { ...platform, log },
  );
  return { services, log };
}

const logText = (log: AppLog) => (fs.existsSync(log.file) ? fs.readFileSync(log.file, "utf8") : "");
/** The log's report lines (a report's first line: its stack follows on lines of its own) that hold `marker`. */
const reportLines = (log: AppLog, marker: string) =>
  logText(log)
    .split("\n")
    .filter((line) => /^\[[\d-]+ [\d:.]+\] \[error\]\s+Page /.test(line) && line.includes(marker));

/** A window's `error` event as the browser makes one: an Event with an ErrorEvent's fields. */
const errorEvent = (fields: {
  message: string;
  filename?: string;
  lineno?: number;
  colno?: number;
  error?: unknown;
}) => Object.assign(new Event("error"), { filename: "", lineno: 0, colno: 0, error: null, ...fields });
const rejectionEvent = (reason: unknown) => Object.assign(new Event("unhandledrejection"), { reason });

describe("the page's uncaught errors, from the window's events to the log file", () => {
  let services: Services;
  let log: AppLog;
  let page: Awaited<ReturnType<typeof connectPage>> | null = null;
  const sent: string[] = [];
  const window = new EventTarget();
  let sentinels = 0;

  beforeAll(async () => {
    ({ services, log } = await servicesWithLog("page-errors"));
    page = await connectPage(services, { onInvoke: (method) => sent.push(method) });
    reportPageErrors(window);
  });
  afterAll(async () => {
    await page?.close();
    await services?.close();
  });

  /** Fires `event` at the window, waits for its report in the log and for any second copy of it. */
  async function reported(event: Event, marker: string): Promise<string[]> {
    window.dispatchEvent(event);
    await expect.poll(() => reportLines(log, marker), { timeout: 10_000 }).not.toEqual([]);
    // A second report of the same event would have been sent with the first, before this one.
    const sentinel = `sentinel ${++sentinels}.`;
    window.dispatchEvent(rejectionEvent(sentinel));
    await expect.poll(() => reportLines(log, sentinel), { timeout: 10_000 }).toHaveLength(1);
    return reportLines(log, marker);
  }

  it("logs an uncaught error once, with where it was thrown, its stack on the lines after it", async () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'userId')");
    const lines = await reported(
      errorEvent({
        message: `Uncaught TypeError: ${error.message}`,
        filename: "http://127.0.0.1:5173/assets/index-B2x.js",
        lineno: 12,
        colno: 34,
        error,
      }),
      "reading 'userId'",
    );
    expect(lines).toEqual([
      expect.stringMatching(
        /\[error\]\s+Page error \(http:\/\/127\.0\.0\.1:5173\/assets\/index-B2x\.js:12:34\): Uncaught TypeError: Cannot read properties of undefined \(reading 'userId'\)$/,
      ),
    ]);
    expect(logText(log)).toContain(`${lines[0]}\n${error.stack}\n`);
  });

  it("logs an unhandled rejection once, of an Error with its stack and of a plain value alone", async () => {
    const error = new Error("the session could not be refreshed");
    const [withStack] = await reported(rejectionEvent(error), "could not be refreshed");
    expect(withStack).toMatch(/\[error\]\s+Page promise rejected: the session could not be refreshed$/);
    expect(logText(log)).toContain(`${withStack}\n${error.stack}\n`);

    const [plain] = await reported(rejectionEvent(404), "rejected: 404");
    expect(plain).toMatch(/\[error\]\s+Page promise rejected: 404$/);
    expect(logText(log)).toMatch(/Page promise rejected: 404\n\[/);
  });

  it("takes the error's own message when the event has none, and names no place when it has none", async () => {
    const [line] = await reported(
      errorEvent({ message: "", error: new RangeError("a chart's width is negative") }),
      "width is negative",
    );
    expect(line).toMatch(/\[error\]\s+Page error: a chart's width is negative$/);
  });

  it("cuts an over-long message and stack to what app.reportError takes, rather than losing the report", async () => {
    const message = `a long message ${"m".repeat(4_000)}`;
    const error = new Error(message);
    error.stack = `Error: a long message\n${"    at render (http://127.0.0.1:5173/assets/index.js:1:1)\n".repeat(400)}`;
    const [line] = await reported(errorEvent({ message, error }), "a long message");
    expect(line).toMatch(new RegExp(`Page error: ${message.slice(0, 2_000)}$`));
    expect(logText(log)).toContain(`${line}\n${error.stack.slice(0, 8_000)}\n[`);
  });

  it("blanks a password the error quotes", async () => {
    const [line] = await reported(
      errorEvent({ message: `request failed: {"userId":"demo.user","password":"${demoPassword}"}` }),
      "request failed",
    );
    expect(line).toMatch(/request failed: \{"userId":"demo\.user","password":"\[redacted\]"\}$/);
    expect(logText(log)).not.toContain(demoPassword);
  });

  // Last: it stops the page's server.
  it("drops a report the bridge cannot deliver, without an unhandled rejection in the page", async () => {
    await page?.close();
    page = null;
    const unhandled: unknown[] = [];
    const hear = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", hear);
    try {
      const before = sent.length;
      window.dispatchEvent(errorEvent({ message: "nobody hears this" }));
      await expect.poll(() => sent.length).toBe(before + 1);
      await new Promise((resolve) => setTimeout(resolve, 500));
    } finally {
      process.off("unhandledRejection", hear);
    }
    expect(unhandled).toEqual([]);
    expect(reportLines(log, "nobody hears this")).toEqual([]);
  });
});

describe("app.reportError behind the contract: at most 20 reports a minute reach the log", () => {
  let services: Services;
  let log: AppLog;
  const report = (message: string) => services.dispatch("app.reportError", { kind: "error", message });
  const logged = (envelope: Envelope) =>
    envelope.ok ? (envelope.value as { logged: boolean }).logged : null;

  beforeAll(async () => {
    // The handler's minute is the clock's: this one moves only when told.
    vi.useFakeTimers({ toFake: ["Date"] });
    ({ services, log } = await servicesWithLog("page-error-budget"));
  });
  afterAll(async () => {
    await services?.close();
    vi.useRealTimers();
  });

  it("logs 20 in a minute, answers the rest that they were not logged, and logs again the next minute", async () => {
    const answers: (boolean | null)[] = [];
    for (let i = 1; i <= 25; i++) answers.push(logged(await report(`flood ${i}.`)));
    expect(answers).toEqual([...Array<boolean>(20).fill(true), ...Array<boolean>(5).fill(false)]);
    expect(reportLines(log, "flood")).toHaveLength(20);
    expect(reportLines(log, "flood 20.")).toHaveLength(1);
    expect(reportLines(log, "flood 21.")).toEqual([]);

    vi.setSystemTime(Date.now() + 59_000);
    expect(logged(await report("flood 26."))).toBe(false);
    vi.setSystemTime(Date.now() + 1_000);
    expect(logged(await report("flood 27."))).toBe(true);
    expect(reportLines(log, "flood 27.")).toHaveLength(1);
  });

  it("refuses what the contract does not take before the handler sees it", async () => {
    const tooLong = await services.dispatch("app.reportError", { kind: "error", message: "x".repeat(2_001) });
    const unknownKind = await services.dispatch("app.reportError", { kind: "warning", message: "odd kind" });
    expect(tooLong).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(unknownKind).toMatchObject({ ok: false, error: { code: "INVALID_INPUT" } });
    expect(reportLines(log, "odd kind")).toEqual([]);
  });
});

describe("a sign-in with the built-in simulator leaves none of its secrets in the log", () => {
  let services: Services;
  let log: AppLog;
  const call = async <T>(method: string, input: unknown = {}) => {
    const envelope = await services.dispatch(method, input);
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
    return envelope.value as T;
  };

  beforeAll(async () => {
    ({ services, log } = await servicesWithLog("page-error-secrets", nodePlatform));
    // As both shells do: the services' warnings and errors go to the log too.
    teeConsoleToLog(log);
    await untilSimulatorSettled(services);
  }, 60_000);
  afterAll(async () => services?.close());

  it("blanks the password, the OTP and the tokens a page error quotes, and writes them nowhere else", async () => {
    const wrong = await services.dispatch("auth.begin", { userId: "demo.user", password: "Wrong#2023pass" });
    expect(wrong.ok).toBe(false);
    const first = await call<{ state: string }>("auth.begin", {
      userId: "demo.user",
      password: demoPassword,
    });
    if (first.state === "METHOD_CHOICE") await call("auth.chooseFactor", { factor: "otp" });
    const { messages } = await call<{ messages: { otp: string | null }[] }>("mailbox.list");
    const otp = messages.at(-1)?.otp ?? "";
    expect(otp).toMatch(/^\d{6}$/);
    expect(await call<{ state: string }>("auth.verifyOtp", { otp })).toMatchObject({ state: "SUCCESS" });
    const controlToken = services.context.connection().controlToken ?? "";
    expect(controlToken.length).toBeGreaterThanOrEqual(16);

    // A page that threw with everything secret it could hold in its message and stack.
    const stack = `Error: sign-in failed\n    at send (Authorization: Bearer ${controlToken})\n    at CCMS_SIM_CONTROL_TOKEN=${controlToken}`;
    await call("app.reportError", {
      kind: "error",
      message: `sign-in failed: {"userId":"demo.user","password":"${demoPassword}","otp":"${otp}"}`,
      stack,
    });
    await services.close();

    const text = logText(log);
    expect(text).toContain(
      'Page error: sign-in failed: {"userId":"demo.user","password":"[redacted]","otp":"[redacted]"}\n' +
        "Error: sign-in failed\n    at send (Authorization: Bearer [redacted])\n    at CCMS_SIM_CONTROL_TOKEN=[redacted]\n",
    );
    for (const secret of [demoPassword, "Wrong#2023pass", controlToken]) expect(text).not.toContain(secret);
    expect(text).not.toMatch(new RegExp(`(?<!\\d)${otp}(?!\\d)`));
  });
});
