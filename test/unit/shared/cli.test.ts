import { describe, expect, it } from "vitest";
import { exitCodes, failureText, UsageError, usageErrorText } from "../../../shared/cli.js";

describe("what the command-line tools share", () => {
  it("answers a mistake with the program, the reason, a blank line and the usage of the command at fault", () => {
    expect(usageErrorText("web", new UsageError("--port must be a number."), "Usage: npm run web\n")).toBe(
      "web: --port must be a number.\n\nUsage: npm run web\n",
    );
    const sub = new UsageError("--user is required.", "Usage: npm run simulator -- card issue");
    expect(usageErrorText("simulator", sub, "Usage: npm run simulator")).toBe(
      "simulator: --user is required.\n\nUsage: npm run simulator -- card issue\n",
    );
    expect(failureText("ccms-check", new Error("boom"))).toBe("ccms-check: boom\n");
  });

  it("keeps the sysexits numbers for usage, unavailable and software errors, and ccms-check's 0/1/2", () => {
    expect([exitCodes.usage, exitCodes.unavailable, exitCodes.software]).toEqual([64, 69, 70]);
    expect([exitCodes.ok, exitCodes.checkWarnings, exitCodes.checkFailed]).toEqual([0, 1, 2]);
  });
});
