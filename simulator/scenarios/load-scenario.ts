import { readFileSync } from "node:fs";
import { type z } from "zod";
import { AppError } from "../../shared/errors.js";
import { type Scenario, scenarioSchema } from "./scenario-schema.js";

/** `users[2].email` from a zod path. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, part) => {
    if (typeof part === "number") return `${out}[${part}]`;
    const name = String(part);
    return out === "" ? name : `${out}.${name}`;
  }, "");
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length === 0 ? "(top level)" : formatPath(issue.path)}: ${issue.message}`)
    .join("; ");
}

/** Validates parsed JSON as a scenario; the error names the first bad fields. */
export function parseScenario(value: unknown, source: string): Scenario {
  const result = scenarioSchema.safeParse(value);
  if (!result.success) {
    throw new AppError("INVALID_INPUT", `Scenario ${source} is not valid: ${describeIssues(result.error)}`);
  }
  return result.data;
}

/** Reads and validates a `--scenario` file. */
export function loadScenarioFile(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (cause) {
    throw new AppError("INVALID_INPUT", `Cannot read scenario file ${file}: ${(cause as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new AppError("INVALID_INPUT", `Scenario ${file} is not JSON: ${(cause as Error).message}`);
  }
  return parseScenario(json, file);
}
