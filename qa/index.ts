/**
 * The CCMS Terminal emulator's QA kit: Playwright fixtures (`simulator`, `terminal`), page objects in
 * both languages, and the simulator's control API, for a test project of the user's own.
 *
 *     import { test, expect } from "ccms-terminal-emulator/qa";
 */
export { test, expect, type QaTestFixtures, type QaWorkerFixtures } from "./fixtures.js";
export { Simulator, type SimulatorLaunchOptions, type WaitForOtpOptions } from "./simulator/simulator.js";
export { Terminal, type ShellKind } from "./terminal/terminal.js";
export { PageErrors } from "./terminal/page-errors.js";
export { Labels, type Locale } from "./terminal/labels.js";
export { type WebShell } from "./terminal/web-shell.js";
export { LoginPage } from "./terminal/pages/login-page.js";
export { OtpPage } from "./terminal/pages/otp-page.js";
export { codeInEmail, MailboxPage } from "./terminal/pages/mailbox-page.js";
export { MethodChoicePage } from "./terminal/pages/method-choice-page.js";
export { SmartcardPage } from "./terminal/pages/smartcard-page.js";
export { PasswordChangePage } from "./terminal/pages/password-change-page.js";
export { DesktopPage } from "./terminal/pages/desktop-page.js";
export { AdminPage } from "./terminal/pages/admin-page.js";
export { ConnectivityPage } from "./terminal/pages/connectivity-page.js";
export { Screen } from "./terminal/pages/screen.js";
export { SimulatorApi } from "./control/simulator-api.js";
export {
  ControlClient,
  SimulatorRefused,
  SimulatorUnreachable,
  type ControlConnection,
} from "./control/control-client.js";
export type * from "./types.js";
