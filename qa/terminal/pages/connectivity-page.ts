import { type Locator } from "@playwright/test";
import { Screen } from "./screen.js";

type StepId = "browser" | "proxy" | "dns" | "tcp" | "tls" | "http" | "page";

/** The connectivity check, opened from the login screen. */
export class ConnectivityPage extends Screen {
  readonly heading: Locator = this.page.getByRole("heading", {
    name: this.labels.text("connectivity.title"),
  });
  readonly address: Locator = this.field("connectivity.urlLabel");
  readonly moreOptions: Locator = this.page.getByText(this.labels.text("connectivity.moreOptions"), {
    exact: true,
  });
  /** Under "More options": a CA file to trust besides the system's (a simulator's, a proxy's). */
  readonly caFile: Locator = this.field("connectivity.caLabel");
  readonly run: Locator = this.button("connectivity.run");
  readonly back: Locator = this.button("common.backToSignIn");
  /** The check's summary once it has run. */
  readonly summary: Locator = this.root.getByRole("status");

  /** The radio choosing what to check. */
  target(which: "production" | "builtin" | "url"): Locator {
    return this.page.getByRole("radio", { name: this.labels.pattern(`connectivity.target.${which}`) });
  }

  /** A step's row, by its id, e.g. `tls`: its text holds the step's name and status. */
  step(id: StepId): Locator {
    return this.root.getByRole("listitem").filter({ hasText: this.labels.text(`connectivity.step.${id}`) });
  }
}
