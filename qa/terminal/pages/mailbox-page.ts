import { expect, type Locator } from "@playwright/test";
import { Screen } from "./screen.js";

/** The simulated mailbox, opened from the OTP screen: the sign-in's emails, newest first. */
export class MailboxPage extends Screen {
  readonly heading: Locator = this.page.getByRole("heading", { name: this.labels.text("mailbox.title") });
  readonly messages: Locator = this.page
    .getByRole("list", { name: this.labels.text("mailbox.listLabel") })
    .getByRole("listitem");
  readonly refresh: Locator = this.button("mailbox.refresh");
  readonly back: Locator = this.button("mailbox.back");

  /** The newest email's 6-digit code, read as the user reads it; waits for the email to arrive. */
  async newestCode(): Promise<string> {
    await this.expectShown();
    const newest = this.messages.first();
    await expect(newest).toContainText(/\b\d{6}\b/);
    const code = /\b(\d{6})\b/.exec(await newest.innerText())?.[1];
    if (code === undefined)
      throw new Error("The newest email in the simulated mailbox carries no 6-digit code.");
    return code;
  }
}
