import { type Locator } from "@playwright/test";
import { Screen } from "./screen.js";

/** The parallel run's choice between two-factor authentication and the smartcard. */
export class MethodChoicePage extends Screen {
  readonly heading: Locator = this.page.getByRole("heading", {
    name: this.labels.text("smartcard.choiceTitle"),
  });
  readonly otp: Locator = this.page.getByRole("button", { name: this.labels.text("smartcard.choiceOtp") });
  readonly smartcard: Locator = this.button("smartcard.choiceCard");
  readonly back: Locator = this.button("common.backToSignIn");
}
