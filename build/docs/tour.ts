import fs from "node:fs";
import { expect as baseExpect, type Locator, type Page } from "@playwright/test";
import { Labels, type Locale } from "../../qa/terminal/labels.js";
import { AdminPage } from "../../qa/terminal/pages/admin-page.js";
import { ConnectivityPage } from "../../qa/terminal/pages/connectivity-page.js";
import { DesktopPage } from "../../qa/terminal/pages/desktop-page.js";
import { LoginPage } from "../../qa/terminal/pages/login-page.js";
import { MailboxPage } from "../../qa/terminal/pages/mailbox-page.js";
import { MethodChoicePage } from "../../qa/terminal/pages/method-choice-page.js";
import { OtpPage } from "../../qa/terminal/pages/otp-page.js";
import { SmartcardPage } from "../../qa/terminal/pages/smartcard-page.js";
import { type Shot } from "./shots.js";
import { PlainScreen, RehearsalPanel } from "./tour-screens.js";

/** Outside Playwright's runner its expectations wait 5 s; a loaded machine gets more. */
const expect = baseExpect.configure({ timeout: 20_000 });

/** The seeded demo users' password (docs/participants.md, Demo users). */
const DEMO_PASSWORD = "Demo#2023pass";
const PRACTICE_PIN = "2468";

/** Takes one screenshot of the page as it is now: the whole page, another page's, or one part of it. */
export type Snap = (shot: Shot, of?: { page?: Page; part?: Locator }) => Promise<void>;

/**
 * The walk through the app that the guides show, in one language, against the browser shell's built-in
 * simulator, with the QA kit's page objects: every screenshot is a step a person takes. A step the app
 * no longer has fails here, naming what it waited for.
 */
export class Tour {
  private readonly labels: Labels;
  private readonly login: LoginPage;
  private readonly otp: OtpPage;
  private readonly mailbox: MailboxPage;
  private readonly methodChoice: MethodChoicePage;
  private readonly smartcard: SmartcardPage;
  private readonly desktop: DesktopPage;
  private readonly admin: AdminPage;
  private readonly connectivity: ConnectivityPage;
  private readonly rehearsal: RehearsalPanel;

  constructor(
    private readonly page: Page,
    private readonly locale: Locale,
    private readonly snap: Snap,
  ) {
    const labels = (this.labels = new Labels(locale));
    this.login = new LoginPage(page, labels, "login");
    this.otp = new OtpPage(page, labels, "otp");
    this.mailbox = new MailboxPage(page, labels, "mailbox");
    this.methodChoice = new MethodChoicePage(page, labels, "methodChoice");
    this.smartcard = new SmartcardPage(page, labels, "smartcard");
    this.desktop = new DesktopPage(page, labels, "desktop");
    this.admin = new AdminPage(page, labels, "admin");
    this.connectivity = new ConnectivityPage(page, labels, "connectivity");
    this.rehearsal = new RehearsalPanel(page, labels);
  }

  /** Every step, from the login screen to the login screen. */
  async run(): Promise<void> {
    await expect(this.login.root).toBeVisible();
    if ((await this.page.locator("html").getAttribute("lang")) !== this.locale)
      await this.login.chooseLanguage(this.locale);
    await this.rehearsal.expectSimulatorUp();

    // A month into the parallel run: 2FA first, the smartcard as a fallback.
    // A user ID remembered from an earlier tour is forgotten, as "Not …? Use another user ID" does.
    const notYou = this.page.getByRole("button", { name: this.labels.pattern("login.notYou") });
    if (await notYou.isVisible()) await notYou.click();

    await this.rehearsal.moveTo("parallel-run-month");
    await this.rehearsal.startOver();
    await this.snap("rehearsal", { part: this.rehearsal.banner });
    await this.rehearsal.close();

    await this.signInWithOtp();
    await this.lockAndUnlock();
    await this.signOut();
    await this.smartcardFallback();
    await this.lockedAccount();
    await this.delegatedAdministrator();

    // After decommissioning, with the seeded users again (no email for demo.noemail).
    await this.rehearsal.moveTo("after-decommission");
    await this.rehearsal.startOver();
    await this.rehearsal.close();
    await this.afterDecommissioning();
    await this.connectivityCheck();
    await this.networkSettings();
  }

  private async signInWithOtp(): Promise<void> {
    await this.login.userId.fill("demo.user");
    await this.login.password.fill(DEMO_PASSWORD);
    await this.snap("sign-in");
    await this.login.submit.click();
    await expect(this.methodChoice.heading).toBeVisible();
    await this.snap("method-choice");
    await this.methodChoice.otp.click();
    await expect(this.otp.root).toBeVisible();
    await expect(this.otp.sentTo).toBeVisible();
    await this.snap("otp");

    await this.otp.enter("000000");
    await expect(this.otp.error).toContainText(this.labels.text("errors.INVALID_OTP"));
    await this.snap("otp-wrong-code");

    await this.otp.openMailbox.click();
    const before = await this.readMailbox();
    await this.snap("mailbox");
    await this.mailbox.back.click();

    // The resend waits 30 s after a code: the trainer moves the simulated clock on instead.
    await this.rehearsal.moveOn(2);
    await this.rehearsal.close();
    await expect(this.otp.resend).toBeEnabled();
    await this.otp.resend.click();
    await expect(this.otp.notice).toHaveText(this.labels.text("otp.resent"));
    await this.snap("otp-new-code");

    await this.otp.openMailbox.click();
    await expect(this.mailbox.root).toBeVisible();
    await expect(this.mailbox.messages).toHaveCount(before.count + 1);
    const code = await this.mailbox.newestCode();
    await this.mailbox.back.click();
    await this.otp.enter(code);
    await this.expectDesktop();
    await this.snap("desktop");
  }

  private async lockAndUnlock(): Promise<void> {
    const lock = new PlainScreen(this.page, this.labels, "lock");
    await lock.button("desktop.lock").click();
    await lock.expectShown();
    await this.snap("lock-screen");
    await lock.field("session.lock.password").fill(DEMO_PASSWORD);
    await lock.button("session.lock.unlock").click();
    await this.expectDesktop();
  }

  private async smartcardFallback(): Promise<void> {
    await this.login.signIn("demo.user", DEMO_PASSWORD);
    await this.methodChoice.smartcard.click();
    await expect(this.smartcard.heading).toBeVisible();
    const practice = this.page.getByRole("region", { name: this.labels.text("smartcard.practiceTitle") });
    await practice.getByLabel(this.labels.text("smartcard.practicePin"), { exact: true }).fill(PRACTICE_PIN);
    await practice
      .getByRole("button", { name: this.labels.text("smartcard.practiceIssue"), exact: true })
      .click();
    await expect(practice.getByRole("status")).toHaveText(this.labels.pattern("smartcard.practiceIssued"));
    await this.smartcard.pin.fill(PRACTICE_PIN);
    await this.snap("smartcard");
    await this.smartcard.submit.click();
    await this.expectDesktop();
    await this.signOut();
  }

  /** Wrong passwords until the account locks (the fifth within 15 minutes locks it). */
  private async lockedAccount(): Promise<void> {
    const outcome = new PlainScreen(this.page, this.labels, "outcome");
    for (let attempt = 1; attempt <= 6 && !(await outcome.root.isVisible()); attempt++) {
      const answered = this.page.waitForResponse((response) => response.url().endsWith("/api/auth.begin"));
      await this.login.signIn("demo.newuser", `Wrong#password${attempt}`);
      await answered;
      await expect(this.login.error.or(outcome.root).first()).toBeVisible();
    }
    await expect(outcome.heading("outcome.LOCKED_OUT.title")).toBeVisible();
    await this.snap("account-locked");
    await outcome.button("common.backToSignIn").click();
    await expect(this.login.root).toBeVisible();
  }

  /** The DA unlocks the locked user, registers an email, and reads the readiness board. */
  private async delegatedAdministrator(): Promise<void> {
    await this.login.signIn("demo.da", DEMO_PASSWORD);
    await this.methodChoice.otp.click();
    await this.otp.openMailbox.click();
    await expect(this.mailbox.messages.first()).toContainText(/\b\d{6}\b/);
    const code = await this.mailbox.newestCode();
    await this.mailbox.back.click();
    await this.otp.enter(code);
    await this.expectDesktop();
    await this.snap("desktop-da");

    await this.desktop.emailRegistration.click();
    await expect(this.admin.heading).toBeVisible();
    await expect(this.admin.row("demo.newuser")).toBeVisible();
    await this.admin.unlock("demo.newuser");
    await expect(this.admin.notice).toHaveText(
      this.labels.text("admin.notice.unlocked", { userId: "demo.newuser" }),
    );
    await this.snap("email-registration");
    await this.page
      .getByRole("button", { name: this.labels.text("admin.registerFor", { userId: "demo.noemail" }) })
      .click();
    await this.admin.email.fill("demo.noemail@cp001.example.com");
    await this.snap("email-registration-form");
    await this.admin.save.click();
    await expect(this.admin.notice).toContainText("demo.noemail");
    await this.admin.back.click();

    const readiness = new PlainScreen(this.page, this.labels, "readiness");
    await this.page.getByRole("button", { name: this.labels.prefix("readiness.tile") }).click();
    await expect(readiness.heading("readiness.title")).toBeVisible();
    await expect(readiness.root.getByRole("table").first()).toBeVisible();
    await this.snap("readiness");
    await readiness.button("admin.back").click();
    await this.expectDesktop();
    await this.signOut();
  }

  private async afterDecommissioning(): Promise<void> {
    const outcome = new PlainScreen(this.page, this.labels, "outcome");
    await this.login.signIn("demo.noemail", DEMO_PASSWORD);
    await expect(outcome.heading("outcome.EMAIL_NOT_REGISTERED.title")).toBeVisible();
    await this.snap("no-email");
    await outcome.button("common.backToSignIn").click();

    // No choice of method any more: straight to the code, with no smartcard on offer.
    await this.login.signIn("demo.user", DEMO_PASSWORD);
    await expect(this.otp.root).toBeVisible();
    await expect(this.otp.sentTo).toBeVisible();
    await expect(this.otp.useSmartcard).toHaveCount(0);
    await this.snap("otp-after-decommissioning");
    await this.otp.back.click();
    await expect(this.login.root).toBeVisible();
  }

  private async connectivityCheck(): Promise<void> {
    await this.login.checkConnectivity.click();
    await expect(this.connectivity.heading).toBeVisible();
    await this.connectivity.target("builtin").check();
    await this.connectivity.run.click();
    await expect(this.connectivity.summary).toContainText(this.labels.text("connectivity.summary.pass"), {
      timeout: 30_000,
    });
    await this.snap("connectivity");

    // The saved report, as the person opens it from their downloads.
    const saved = this.page.waitForEvent("download");
    await this.page
      .getByRole("button", { name: this.labels.text("connectivity.saveHtml"), exact: true })
      .click();
    const html = fs.readFileSync(await (await saved).path(), "utf8");
    const report = await this.page.context().newPage();
    try {
      await report.setContent(html);
      await this.snap("connectivity-report", { page: report });
    } finally {
      await report.close();
    }
    await this.connectivity.back.click();
    await expect(this.login.root).toBeVisible();
  }

  private async networkSettings(): Promise<void> {
    const network = new PlainScreen(this.page, this.labels, "network");
    await this.page
      .getByRole("button", { name: this.labels.text("login.networkSettings"), exact: true })
      .click();
    await network.expectShown();
    await expect(network.heading("network.title")).toBeVisible();
    await this.snap("network");
    await network.button("common.backToSignIn").click();
    await expect(this.login.root).toBeVisible();
  }

  private async expectDesktop(): Promise<void> {
    await expect(this.desktop.root).toBeVisible();
    await expect(this.desktop.user).toBeVisible();
    await expect(this.page.getByRole("heading", { name: this.labels.text("practice.title") })).toBeVisible();
  }

  private async signOut(): Promise<void> {
    await this.desktop.signOut.click();
    await expect(this.login.root).toBeVisible();
  }

  /** The mailbox's messages once the newest has arrived. */
  private async readMailbox(): Promise<{ count: number }> {
    await expect(this.mailbox.messages.first()).toContainText(/\b\d{6}\b/);
    return { count: await this.mailbox.messages.count() };
  }
}
