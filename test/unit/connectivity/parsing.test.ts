import { describe, expect, it } from "vitest";
import { checkRunInputSchema, parseDnsServer } from "../../../shared/contract/connectivity.js";
import { readPage } from "../../../electron/services/connectivity/steps/page-step.js";
import { parseCliArgs } from "../../../electron/services/connectivity/cli-args.js";
import { UsageError } from "../../../shared/cli.js";
import { painterFor } from "../../../electron/services/connectivity/cli-output.js";

describe("DNS server addresses", () => {
  it.each([
    ["8.8.8.8", { host: "8.8.8.8", port: 53 }],
    ["127.0.0.1:5353", { host: "127.0.0.1", port: 5353 }],
    ["::1", { host: "::1", port: 53 }],
    ["[2001:db8::1]:5300", { host: "2001:db8::1", port: 5300 }],
  ])("reads %s", (text, expected) => {
    expect(parseDnsServer(text)).toEqual(expected);
  });

  it.each(["dns.example.com", "1.2.3", "256.1.1.1", "1.2.3.4:0", "1.2.3.4:70000", "[::1]:x", ""])(
    "rejects %j",
    (text) => {
      expect(parseDnsServer(text)).toBeNull();
    },
  );
});

describe("the run input", () => {
  it("applies the default timeout and refuses a malformed URL or a tiny timeout", () => {
    expect(checkRunInputSchema.parse({ target: { kind: "production" } }).timeoutMs).toBe(10_000);
    expect(checkRunInputSchema.safeParse({ target: { kind: "url", url: "nope" } }).success).toBe(false);
    expect(checkRunInputSchema.safeParse({ target: { kind: "production" }, timeoutMs: 5 }).success).toBe(
      false,
    );
  });
});

describe("reading a page", () => {
  it("recognises the simulator's sign-in page and a plain password form", () => {
    const sim = readPage(
      '<title>HKEX CCMS – Sign in</title><form><input name=u><input type="password"></form>',
    );
    expect(sim).toMatchObject({ looksLikeHkexSso: true, hasForm: true, hasPasswordField: true });
    const other = readPage("<title>Portal</title><form><input type=password></form>");
    expect(other).toMatchObject({ looksLikeHkexSso: false, hasPasswordField: true });
    expect(readPage("<p>hello</p>")).toMatchObject({ title: "", hasForm: false, hasPasswordField: false });
  });
});

describe("the command line", () => {
  it("defaults to the production URL and collects repeated DNS servers", () => {
    const parsed = parseCliArgs(["--dns-server", "1.1.1.1", "--dns-server", "8.8.8.8:53", "--json"]);
    expect(parsed.kind).toBe("run");
    if (parsed.kind !== "run") return;
    expect(parsed.options.request.target).toEqual({ kind: "production" });
    expect(parsed.options.request.dnsServers).toEqual(["1.1.1.1", "8.8.8.8:53"]);
    expect(parsed.options.json).toBe(true);
  });

  it("turns bad flags into usage errors", () => {
    expect(() => parseCliArgs(["--nope"])).toThrow(UsageError);
    expect(() => parseCliArgs(["--timeout", "1e3"])).toThrow(/--timeout/);
    expect(() => parseCliArgs(["--html", " "])).toThrow(UsageError);
    expect(parseCliArgs(["--help"]).kind).toBe("help");
  });

  it("colours only on a terminal and never with NO_COLOR", () => {
    expect(painterFor({ isTTY: true }, {}).paint("pass", "x")).toContain("\u001b[32m");
    expect(painterFor({ isTTY: true }, { NO_COLOR: "1" }).paint("pass", "x")).toBe("x");
    expect(painterFor({ isTTY: false }, {}).paint("pass", "x")).toBe("x");
  });
});
