import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadScenarioFile } from "../../../simulator/scenarios/load-scenario.js";
import { shippedScenario, shippedScenarios } from "../../../simulator/scenarios/shipped-scenarios.js";

const scenarioDir = join(import.meta.dirname, "../../../simulator/scenarios");
const files = readdirSync(scenarioDir).filter((f) => f.endsWith(".json"));

describe("the shipped scenarios bundled with the code", () => {
  it("are every scenario file of the folder, none forgotten", () => {
    expect(
      shippedScenarios()
        .map((s) => `${s.name}.json`)
        .sort(),
    ).toEqual([...files].sort());
  });

  it.each(files)("%s bundled is the file as the CLI reads it", (file) => {
    const fromDisk = loadScenarioFile(join(scenarioDir, file));
    expect(shippedScenario(fromDisk.name)).toEqual(fromDisk);
  });

  it("finds nothing for a name that is not shipped", () => {
    expect(shippedScenario("no-such-scenario")).toBeUndefined();
  });
});
