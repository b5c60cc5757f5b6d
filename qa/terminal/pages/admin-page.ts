import { type Locator } from "@playwright/test";
import { Screen } from "./screen.js";

/** A DA's email registration for 2FA: the participant's users, register or change an email, unlock. */
export class AdminPage extends Screen {
  readonly heading: Locator = this.page.getByRole("heading", {
    level: 1,
    name: this.labels.text("admin.title"),
  });
  readonly users: Locator = this.page.getByRole("table", { name: this.labels.pattern("admin.caption") });
  readonly email: Locator = this.field("admin.form.email");
  /** Save a user's email, or submit a DA's application to HKEX. */
  readonly save: Locator = this.button("admin.form.save").or(this.button("admin.form.applySave"));
  readonly refresh: Locator = this.button("admin.refresh");
  readonly back: Locator = this.button("admin.back");
  /** "Email registered for …" and other outcomes. */
  readonly notice: Locator = this.root.getByRole("status");

  /** The user's row in the table. */
  row(userId: string): Locator {
    return this.users
      .getByRole("row")
      .filter({ has: this.page.getByRole("rowheader", { name: userId, exact: true }) });
  }

  /**
   * Registers (or changes) the user's email address, or for a DA submits the application to HKEX,
   * and waits for the outcome.
   */
  async registerEmail(userId: string, email: string): Promise<void> {
    await this.expectShown();
    await this.button("admin.registerFor", { userId })
      .or(this.button("admin.changeFor", { userId }))
      .or(this.button("admin.applyFor", { userId }))
      .click();
    await this.email.fill(email);
    await this.save.click();
    await this.notice.filter({ hasText: userId }).waitFor();
  }

  /** Unlocks a locked user. */
  async unlock(userId: string): Promise<void> {
    await this.button("admin.unlockFor", { userId }).click();
  }
}
