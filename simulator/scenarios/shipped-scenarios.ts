import faOnly from "./2fa-only.json" with { type: "json" };
import daPending from "./da-application-pending-at-launch.json" with { type: "json" };
import launchDay from "./launch-day-parallel-run.json" with { type: "json" };
import lockedAccount from "./locked-account.json" with { type: "json" };
import newUserAfterLaunch from "./new-user-after-launch.json" with { type: "json" };
import slowAndFlaky from "./slow-and-flaky-network.json" with { type: "json" };
import userWithoutEmail from "./user-without-email.json" with { type: "json" };
import { parseScenario } from "./load-scenario.js";
import { type Scenario } from "./scenario-schema.js";

/**
 * The scenarios that ship in this folder, bundled with the code (so a packaged
 * app or a simulator in its own process has them without a path on disk), in
 * the order a trainer meets them.
 */
const files: ReadonlyArray<[string, unknown]> = [
  ["launch-day-parallel-run.json", launchDay],
  ["user-without-email.json", userWithoutEmail],
  ["da-application-pending-at-launch.json", daPending],
  ["locked-account.json", lockedAccount],
  ["new-user-after-launch.json", newUserAfterLaunch],
  ["slow-and-flaky-network.json", slowAndFlaky],
  ["2fa-only.json", faOnly],
];

let parsed: readonly Scenario[] | undefined;

export function shippedScenarios(): readonly Scenario[] {
  parsed ??= files.map(([file, json]) => parseScenario(json, file));
  return parsed;
}

export function shippedScenario(name: string): Scenario | undefined {
  return shippedScenarios().find((scenario) => scenario.name === name);
}
