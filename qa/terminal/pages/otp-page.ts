import { type Locator } from "@playwright/test";
import { Screen } from "./screen.js";

/** The one-time password screen. */
export class OtpPage extends Screen {
  readonly heading: Locator = this.page.getByRole("heading", { name: this.labels.text("otp.title") });
  readonly code: Locator = this.field("otp.code");
  readonly verify: Locator = this.button("otp.submit");
  /** "Resend code", or "Resend code in 0:29" during the cooldown. */
  readonly resend: Locator = this.page
    .getByRole("button", { name: this.labels.pattern("otp.resendIn") })
    .or(this.button("otp.resend"));
  readonly openMailbox: Locator = this.button("otp.mailbox");
  readonly back: Locator = this.button("otp.back");
  /** "Having trouble? Use your smartcard instead", in the parallel run. */
  readonly useSmartcard: Locator = this.button("smartcard.fallbackLink");
  /** Where the code went, e.g. "A 6-digit one-time password was sent to d*******r@…". */
  readonly sentTo: Locator = this.page.getByText(this.labels.pattern("otp.sentTo"));
  /** Notices such as "A new code was sent." */
  readonly notice: Locator = this.root.getByRole("status");

  /** Types the code and submits it. */
  async enter(code: string): Promise<void> {
    await this.expectShown();
    await this.code.fill(code);
    await this.verify.click();
  }
}
