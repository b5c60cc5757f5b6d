import { expect as baseExpect, type Locator, type Page } from "@playwright/test";
import { type Labels } from "../../qa/terminal/labels.js";

/** Outside Playwright's runner its expectations wait 5 s; a loaded machine gets more. */
const expect = baseExpect.configure({ timeout: 20_000 });

/** The rehearsal presets of the simulator's schedule (`shared/wire/rehearsal.ts`). */
export type MomentPreset = "before-launch" | "launch-day" | "parallel-run-month" | "after-decommission";

/**
 * The trainer's Rehearsal panel in the simulator's banner, found as a person finds it: by the words the
 * app shows in the tour's language.
 */
export class RehearsalPanel {
  readonly banner: Locator;
  readonly toggle: Locator;
  readonly region: Locator;

  constructor(
    private readonly page: Page,
    private readonly labels: Labels,
  ) {
    this.banner = page.getByRole("complementary", { name: labels.text("banner.label") });
    this.toggle = this.banner.getByRole("button", { name: labels.text("rehearsal.open"), exact: true });
    this.region = page.getByRole("region", { name: labels.text("rehearsal.title"), exact: true });
  }

  /** Waits until the built-in simulator has started and the banner shows its phase and date. */
  async expectSimulatorUp(): Promise<void> {
    await expect(this.toggle).toBeVisible({ timeout: 60_000 });
  }

  async open(): Promise<void> {
    if ((await this.toggle.getAttribute("aria-expanded")) !== "true") await this.toggle.click();
    await expect(this.region).toBeVisible();
  }

  async close(): Promise<void> {
    if ((await this.toggle.getAttribute("aria-expanded")) === "true") await this.toggle.click();
    await expect(this.region).toHaveCount(0);
  }

  /** Moves the simulator to one of its schedule's moments. */
  async moveTo(preset: MomentPreset): Promise<void> {
    await this.open();
    await this.region.getByRole("radio", { name: this.labels.text(`rehearsal.presets.${preset}`) }).check();
    await this.move();
  }

  /**
   * Moves the simulated clock on by whole minutes, through the custom date and time (which starts at
   * the simulated minute now).
   */
  async moveOn(minutes: number): Promise<void> {
    await this.open();
    await this.region.getByRole("radio", { name: this.labels.text("rehearsal.custom"), exact: true }).check();
    const field = this.region.getByLabel(this.labels.text("rehearsal.customLabel"), { exact: true });
    const now = await field.inputValue();
    const later = new Date(Date.parse(`${now}:00Z`) + minutes * 60_000);
    if (Number.isNaN(later.getTime()))
      throw new Error(`The rehearsal panel's date and time "${now}" is not one.`);
    await field.fill(later.toISOString().slice(0, 16));
    await this.move();
  }

  /** Back to the seeded users at the moment in force. */
  async startOver(): Promise<void> {
    await this.open();
    await this.region
      .getByRole("button", { name: this.labels.text("rehearsal.startOver"), exact: true })
      .click();
    await expect(this.status).toHaveText(this.labels.pattern("rehearsal.done.startOver"));
  }

  private get status(): Locator {
    return this.region.getByRole("status");
  }

  private async move(): Promise<void> {
    await this.region.getByRole("button", { name: this.labels.text("rehearsal.move"), exact: true }).click();
    await expect(this.status).toHaveText(this.labels.pattern("rehearsal.done.moment"));
  }
}

/** A screen the QA kit has no page object for: its `<main data-screen>` and its buttons by their words. */
export class PlainScreen {
  readonly root: Locator;

  constructor(
    private readonly page: Page,
    private readonly labels: Labels,
    screen: string,
  ) {
    this.root = page.locator(`main[data-screen="${screen}"]`);
  }

  async expectShown(): Promise<void> {
    await expect(this.root).toBeVisible();
  }

  button(key: string, values?: Record<string, string | number>): Locator {
    return this.page.getByRole("button", { name: this.labels.text(key, values), exact: true });
  }

  field(key: string): Locator {
    return this.root.getByLabel(this.labels.text(key), { exact: true });
  }

  heading(key: string): Locator {
    return this.root.getByRole("heading", { name: this.labels.text(key), exact: true });
  }
}
