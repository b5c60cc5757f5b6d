import { beforeAll, describe, expect, it } from "vitest";
import { PrivateCaTrust, type VerifyRequest } from "../../../electron/services/http/private-ca-trust.js";
import { createTestCa, type TestCa } from "../../integration/connectivity/support/pki.js";

const AUTHORITY_INVALID = -202;
const HOUR = 3600_000;

let ca: TestCa;
let other: TestCa;

beforeAll(async () => {
  ca = await createTestCa("Simulator CA");
  other = await createTestCa("Someone else's CA");
});

/** What Electron's verify procedure gets for a certificate Chromium does not trust (a private CA's). */
const asked = (hostname: string, certPem: string, errorCode = AUTHORITY_INVALID): VerifyRequest => ({
  hostname,
  certificate: { data: certPem },
  errorCode,
});

describe("a private CA, trusted through the session's verify procedure for one host only", () => {
  it("accepts a certificate the CA issued for the host, and leaves every other host to Chromium", async () => {
    const trust = new PrivateCaTrust();
    const release = trust.trust("sso.cp.test", ca.certPem);
    const leaf = await ca.issue({ names: ["sso.cp.test", "other.cp.test"] });
    expect(trust.verdict(asked("sso.cp.test", leaf.certPem))).toBe(0);
    expect(trust.verdict(asked("SSO.CP.TEST.", leaf.certPem))).toBe(0);
    // The same certificate, for a host the CA is not trusted for: Chromium's verdict (-3).
    expect(trust.verdict(asked("other.cp.test", leaf.certPem))).toBe(-3);
    release();
    expect(trust.verdict(asked("sso.cp.test", leaf.certPem))).toBe(-3);
    expect(trust.hosts()).toEqual([]);
  });

  it("trusts an IP address by its own name, and an IPv6 one without its brackets", async () => {
    const trust = new PrivateCaTrust();
    trust.trust("127.0.0.1", ca.certPem);
    trust.trust("[::1]", ca.certPem);
    const leaf = await ca.issue({ names: ["127.0.0.1", "::1"] });
    expect(trust.verdict(asked("127.0.0.1", leaf.certPem))).toBe(0);
    expect(trust.verdict(asked("::1", leaf.certPem))).toBe(0);
  });

  it("refuses the CA's certificate for another name, or out of its dates, with Chromium's error", async () => {
    const trust = new PrivateCaTrust();
    trust.trust("sso.cp.test", ca.certPem);
    const wrongName = await ca.issue({ names: ["elsewhere.cp.test"] });
    expect(trust.verdict(asked("sso.cp.test", wrongName.certPem))).toBe(-200);
    const expired = await ca.issue({
      names: ["sso.cp.test"],
      notBefore: new Date(Date.now() - 48 * HOUR),
      notAfter: new Date(Date.now() - 24 * HOUR),
    });
    expect(trust.verdict(asked("sso.cp.test", expired.certPem))).toBe(-201);
  });

  it("leaves a certificate another CA issued to Chromium, and never overrides Chromium's yes", async () => {
    const trust = new PrivateCaTrust();
    trust.trust("sso.cp.test", ca.certPem);
    const foreign = await other.issue({ names: ["sso.cp.test"] });
    expect(trust.verdict(asked("sso.cp.test", foreign.certPem))).toBe(-3);
    const leaf = await ca.issue({ names: ["sso.cp.test"] });
    expect(trust.verdict(asked("sso.cp.test", leaf.certPem, 0))).toBe(-3);
    expect(trust.verdict(asked("sso.cp.test", "not a certificate"))).toBe(-3);
  });

  it("keeps a CA trusted while anyone holds it: two holders, two releases", async () => {
    const trust = new PrivateCaTrust();
    const first = trust.trust("sso.cp.test", ca.certPem);
    const second = trust.trust("sso.cp.test", ca.certPem);
    const leaf = await ca.issue({ names: ["sso.cp.test"] });
    first();
    first();
    expect(trust.verdict(asked("sso.cp.test", leaf.certPem))).toBe(0);
    second();
    expect(trust.verdict(asked("sso.cp.test", leaf.certPem))).toBe(-3);
  });
});
