import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseServeArgs } from "../../../simulator/cli/serve-command.js";
import { SmtpMailTransport } from "../../../simulator/mail/smtp-transport.js";

const scenarioDir = join(import.meta.dirname, "../../../simulator/scenarios");

describe("serve flags --scenario, --smtp, --smtp-ca", () => {
  it("loads a scenario file into the options", () => {
    const parsed = parseServeArgs(["--scenario", join(scenarioDir, "2fa-only.json")]);
    expect(parsed.help).toBe(false);
    if (parsed.help) return;
    expect(parsed.options.scenario?.name).toBe("2fa-only");
  });

  it("refuses a missing scenario file with its name", () => {
    expect(() => parseServeArgs(["--scenario", join(scenarioDir, "nope.json")])).toThrow(/nope\.json/);
  });

  it("builds an SMTP transport from --smtp, and refuses --smtp-ca alone or a wrong scheme", async () => {
    const parsed = parseServeArgs(["--smtp", "smtp://u:p@127.0.0.1:2525"]);
    if (parsed.help) throw new Error("unexpected help");
    expect(parsed.options.mailTransport).toBeInstanceOf(SmtpMailTransport);
    await parsed.options.mailTransport?.close?.();
    expect(() => parseServeArgs(["--smtp-ca", "ca.pem"])).toThrow(/--smtp-ca needs --smtp/);
    expect(() => parseServeArgs(["--smtp", "ftp://x"])).toThrow(/smtp:\/\/ or smtps:\/\//);
    expect(() => parseServeArgs(["--smtp-password-file", "pw"])).toThrow(/--smtp-password-file needs --smtp/);
  });

  it("warns of a password in the --smtp URL, and not of one from SMTP_PASSWORD", async () => {
    const inUrl = parseServeArgs(["--smtp", "smtp://u:p@127.0.0.1:2525"], {});
    const fromEnv = parseServeArgs(["--smtp", "smtp://u@127.0.0.1:2525"], { SMTP_PASSWORD: "p" });
    if (inUrl.help || fromEnv.help) throw new Error("unexpected help");
    expect(inUrl.warnings).toEqual([expect.stringContaining("every user of this computer can read")]);
    expect(fromEnv.warnings).toEqual([]);
    await inUrl.options.mailTransport?.close?.();
    await fromEnv.options.mailTransport?.close?.();
  });
});
