import { expect, type Page } from "@playwright/test";
import { type Simulator } from "../simulator/simulator.js";
import { Labels, type Locale } from "./labels.js";
import { AdminPage } from "./pages/admin-page.js";
import { ConnectivityPage } from "./pages/connectivity-page.js";
import { DesktopPage } from "./pages/desktop-page.js";
import { LoginPage } from "./pages/login-page.js";
import { MailboxPage } from "./pages/mailbox-page.js";
import { MethodChoicePage } from "./pages/method-choice-page.js";
import { OtpPage } from "./pages/otp-page.js";
import { PasswordChangePage } from "./pages/password-change-page.js";
import { SmartcardPage } from "./pages/smartcard-page.js";

export type ShellKind = "web" | "electron";

/** The app under test, connected to the worker's simulator, in one language: its page and screens. */
export class Terminal {
  readonly labels: Labels;
  readonly login: LoginPage;
  readonly otp: OtpPage;
  readonly mailbox: MailboxPage;
  readonly methodChoice: MethodChoicePage;
  readonly smartcard: SmartcardPage;
  readonly passwordChange: PasswordChangePage;
  readonly desktop: DesktopPage;
  readonly admin: AdminPage;
  readonly connectivity: ConnectivityPage;

  constructor(
    /** The Playwright page showing the app. */
    readonly page: Page,
    readonly locale: Locale,
    readonly shell: ShellKind,
    /** The app's data folder for this test (settings, history), removed after it. */
    readonly dataDir: string,
    private readonly simulator: Simulator,
  ) {
    this.labels = new Labels(locale);
    this.login = new LoginPage(page, this.labels, "login");
    this.otp = new OtpPage(page, this.labels, "otp");
    this.mailbox = new MailboxPage(page, this.labels, "mailbox");
    this.methodChoice = new MethodChoicePage(page, this.labels, "methodChoice");
    this.smartcard = new SmartcardPage(page, this.labels, "smartcard");
    this.passwordChange = new PasswordChangePage(page, this.labels, "changePassword");
    this.desktop = new DesktopPage(page, this.labels, "desktop");
    this.admin = new AdminPage(page, this.labels, "admin");
    this.connectivity = new ConnectivityPage(page, this.labels, "connectivity");
  }

  /** Waits for the login screen and puts the app in the terminal's language. */
  async ready(): Promise<void> {
    await this.login.expectShown();
    const html = this.page.locator("html");
    if ((await html.getAttribute("lang")) !== this.locale) await this.login.chooseLanguage(this.locale);
    await expect(this.login.heading).toBeVisible();
  }

  /** Signs in with user ID and password from the login screen (what follows depends on the user and phase). */
  async signIn(userId: string, password: string): Promise<void> {
    await this.login.signIn(userId, password);
  }

  /** Types a one-time password on the OTP screen and submits it. */
  async enterOtp(code: string): Promise<void> {
    await this.otp.enter(code);
  }

  /** Password, then the code mailed to the user (from the simulator), then the desktop. */
  async signInWithOtp(user: { userId: string; password: string }): Promise<void> {
    await this.signIn(user.userId, user.password);
    await this.otp.expectShown();
    await this.enterOtp(await this.simulator.waitForOtp({ userId: user.userId }));
    await this.desktop.expectShown();
  }
}
