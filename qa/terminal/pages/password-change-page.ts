import { type Locator } from "@playwright/test";
import { Screen } from "./screen.js";

/** "Choose a new password", for a user whose password has expired. */
export class PasswordChangePage extends Screen {
  readonly heading: Locator = this.page.getByRole("heading", {
    name: this.labels.text("changePassword.title"),
  });
  readonly newPassword: Locator = this.field("changePassword.newPassword");
  readonly confirm: Locator = this.field("changePassword.confirm");
  readonly submit: Locator = this.button("changePassword.submit");

  /** Types the new password twice and submits it. */
  async change(newPassword: string): Promise<void> {
    await this.expectShown();
    await this.newPassword.fill(newPassword);
    await this.confirm.fill(newPassword);
    await this.submit.click();
  }
}
