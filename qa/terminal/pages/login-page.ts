import { expect, type Locator } from "@playwright/test";
import { type Locale } from "../labels.js";
import { Screen } from "./screen.js";

/** The login screen: user ID, password, the language switch, the way to the connectivity check. */
export class LoginPage extends Screen {
  readonly userId: Locator = this.field("login.userId");
  readonly password: Locator = this.field("login.password");
  readonly submit: Locator = this.button("login.submit");
  readonly heading: Locator = this.page.getByRole("heading", { name: this.labels.text("login.title") });
  readonly checkConnectivity: Locator = this.button("login.checkConnectivity");
  /** "You have signed out." and other notices. */
  readonly notice: Locator = this.root.getByRole("status");

  /** Fills the user ID and password and submits them. */
  async signIn(userId: string, password: string): Promise<void> {
    await this.expectShown();
    await this.userId.fill(userId);
    await this.password.fill(password);
    await this.submit.click();
  }

  /** The language switch's button for a language (named in that language). */
  languageButton(locale: Locale): Locator {
    const name = this.labels.text(locale === "en" ? "language.en" : "language.zhHK");
    return this.page.getByRole("button", { name, exact: true });
  }

  /** Switches the app's language and waits until the page says so. */
  async chooseLanguage(locale: Locale): Promise<void> {
    await this.languageButton(locale).click();
    await expect(this.page.locator("html")).toHaveAttribute("lang", locale);
  }
}
