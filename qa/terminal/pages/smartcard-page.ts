import { type Locator } from "@playwright/test";
import { Screen } from "./screen.js";

/** Sign-in with a smartcard: a PC/SC reader or the simulated one, then the PIN. */
export class SmartcardPage extends Screen {
  readonly heading: Locator = this.page.getByRole("heading", { name: this.labels.text("smartcard.title") });
  readonly readers: Locator = this.page.getByRole("radiogroup", {
    name: this.labels.text("smartcard.readers"),
  });
  readonly cardFile: Locator = this.field("smartcard.cardFile");
  readonly insert: Locator = this.button("smartcard.insert");
  readonly remove: Locator = this.button("smartcard.remove");
  readonly pin: Locator = this.field("smartcard.pin");
  readonly submit: Locator = this.button("smartcard.signIn");
  readonly useOtp: Locator = this.button("smartcard.useOtp");
  readonly back: Locator = this.button("common.backToSignIn");
  /** The "Simulated reader" panel's heading: it opens the panel. */
  readonly simulatedReaderPanel: Locator = this.page.getByText(this.labels.text("smartcard.simulatedTitle"), {
    exact: true,
  });
  /** The simulated reader in the list of readers (its name is the same in every language). */
  readonly simulatedReader: Locator = this.reader(/^CCMS Simulated Reader/);

  /** The reader's choice in the list, by its name ("Virtual PCD 00 00", or the simulated reader's). */
  reader(name: string | RegExp): Locator {
    return this.readers.getByRole("radio", { name });
  }

  /** Inserts a card file into the simulated reader (no PC/SC needed), opening its panel first. */
  async insertCardFile(file: string): Promise<void> {
    await this.expectShown();
    if (!(await this.cardFile.isVisible())) await this.simulatedReaderPanel.click();
    await this.cardFile.fill(file);
    await this.insert.click();
  }

  /** Inserts the card file into the simulated reader, chooses that reader, and signs in with the PIN. */
  async signInWithCardFile(file: string, pin: string): Promise<void> {
    await this.insertCardFile(file);
    await this.simulatedReader.check();
    await this.signIn(pin);
  }

  /** Enters the PIN and signs in with the card in the chosen reader. */
  async signIn(pin: string): Promise<void> {
    await this.pin.fill(pin);
    await this.submit.click();
  }
}
