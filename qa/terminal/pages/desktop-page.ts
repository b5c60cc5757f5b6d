import { expect, type Locator } from "@playwright/test";
import { Screen } from "./screen.js";

/** The simulated CCMS desktop after a sign-in. */
export class DesktopPage extends Screen {
  readonly signOut: Locator = this.button("desktop.signOut");
  readonly user: Locator = this.page.getByTestId("session-user");
  readonly participant: Locator = this.page.getByTestId("session-participant");
  readonly clearingHouse: Locator = this.page.getByTestId("session-clearing-house");
  readonly sessionExpiry: Locator = this.root.getByRole("timer");
  /** The DA's tile "Email registration for 2FA" (absent for other users). */
  readonly emailRegistration: Locator = this.page.getByRole("button", {
    name: this.labels.prefix("admin.tile"),
  });

  /**
   * Waits until the desktop is shown and its own first calls are answered (it is no longer
   * `aria-busy`). Asking the server for the session extends it there: move the simulator's clock only
   * after this, or the session may be extended from the moved clock.
   */
  override async expectShown(): Promise<void> {
    await super.expectShown();
    await expect(this.root.locator("[aria-busy=true]")).toHaveCount(0);
  }
}
