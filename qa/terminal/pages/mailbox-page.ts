import { expect, type Locator } from "@playwright/test";
import { Screen } from "./screen.js";

/**
 * The one-time password in an OTP email's text, as a person finds it: the six digits on a line of
 * their own. Six digits elsewhere (a user ID such as `qa.u1.448128`, in the greeting or the address)
 * are not the code. Null when the text carries none.
 */
export function codeInEmail(text: string): string | null {
  return /^[^\S\n]*(\d{6})[^\S\n]*$/m.exec(text)?.[1] ?? null;
}

/** The simulated mailbox, opened from the OTP screen: the sign-in's emails, newest first. */
export class MailboxPage extends Screen {
  readonly heading: Locator = this.page.getByRole("heading", { name: this.labels.text("mailbox.title") });
  readonly messages: Locator = this.page
    .getByRole("list", { name: this.labels.text("mailbox.listLabel") })
    .getByRole("listitem");
  readonly refresh: Locator = this.button("mailbox.refresh");
  readonly back: Locator = this.button("mailbox.back");

  /** The newest email's one-time password, read as the user reads it; waits for the email to arrive. */
  async newestCode(): Promise<string> {
    await this.expectShown();
    const newest = this.messages.first();
    await expect(newest).toContainText(/^[^\S\n]*\d{6}[^\S\n]*$/m);
    const code = codeInEmail(await newest.innerText());
    if (code === null)
      throw new Error("The newest email in the simulated mailbox carries no one-time password.");
    return code;
  }
}
