import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { errorBodySchema } from "../../../shared/error-schemas.js";
import { authnResponseSchema } from "../../../shared/wire/authn.js";
import { auditResponseSchema, mailboxResponseSchema } from "../../../shared/wire/control.js";
import { faultsResponseSchema } from "../../../shared/wire/faults.js";
import { demoPassword, type Harness, startHarness } from "../simulator/sim-harness.js";

const authn = "/sso/api/v1/authn";
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const mailboxOf = async (userId: string) =>
  mailboxResponseSchema.parse((await h.control.get("/__sim/mailbox", { params: { userId } })).data).messages;

describe("PUT /__sim/faults", () => {
  it("needs the control token and validates its body", async () => {
    expect((await h.http.put("/__sim/faults", {})).status).toBe(401);
    for (const body of [{ failRate: 2 }, { latencyMs: -1 }, { dropMail: "yes" }, { latency: 5 }, [1]]) {
      const res = await h.control.put("/__sim/faults", body);
      expect(res.status).toBe(400);
      expect(errorBodySchema.parse(res.data).error.code).toBe("INVALID_INPUT");
    }
  });

  it("failRate 1 makes every wire call answer 503 SERVER_ERROR, but not the control API or the login page", async () => {
    const set = await h.control.put("/__sim/faults", { failRate: 1 });
    expect(faultsResponseSchema.parse(set.data)).toEqual({
      latencyMs: 0,
      failRate: 1,
      mailDelayMs: 0,
      dropMail: false,
    });
    const res = await h.post(authn, { userId: "demo.user", password: demoPassword });
    expect(res.status).toBe(503);
    expect(res.headers["retry-after"]).toBe("1");
    expect(errorBodySchema.parse(res.data).error.code).toBe("SERVER_ERROR");
    expect((await h.http.get("/sso/api/v1/session")).status).toBe(503);
    expect((await h.control.get("/__sim/status")).status).toBe(200);
    expect((await h.http.get("/sso")).status).toBe(200);

    expect(faultsResponseSchema.parse((await h.control.put("/__sim/faults", {})).data).failRate).toBe(0);
    const ok = await h.post(authn, { userId: "demo.user", password: demoPassword });
    expect(authnResponseSchema.parse(ok.data).state).toBe("OTP_REQUIRED");
  });

  it("latencyMs holds each wire answer back at least that long", async () => {
    await h.control.put("/__sim/faults", { latencyMs: 300 });
    const started = performance.now();
    const res = await h.post(authn, { userId: "demo.user", password: "wrong" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    expect(res.status).toBeLessThan(500);
    await h.control.put("/__sim/faults", {});
  });

  it("dropMail loses the OTP mail: the login says it was sent, the mailbox stays empty, the audit log knows", async () => {
    await h.control.put("/__sim/faults", { dropMail: true });
    const before = (await mailboxOf("demo.hkcc")).length;
    const res = await h.post(authn, { userId: "demo.hkcc", password: demoPassword });
    expect(authnResponseSchema.parse(res.data).state).toBe("OTP_REQUIRED");
    expect((await mailboxOf("demo.hkcc")).length).toBe(before);
    const audit = auditResponseSchema.parse(
      (await h.control.get("/__sim/audit", { params: { userId: "demo.hkcc" } })).data,
    );
    expect(audit.events.some((e) => e.event === "mail.dropped")).toBe(true);
    await h.control.put("/__sim/faults", {});
  });

  it("mailDelayMs answers the login at once and delivers the mail later", async () => {
    await h.control.put("/__sim/faults", { mailDelayMs: 400 });
    const before = (await mailboxOf("demo.newuser")).length;
    const res = await h.post(authn, { userId: "demo.newuser", password: demoPassword });
    expect(authnResponseSchema.parse(res.data).state).toBe("OTP_REQUIRED");
    expect((await mailboxOf("demo.newuser")).length).toBe(before);
    await vi.waitFor(async () => expect((await mailboxOf("demo.newuser")).length).toBe(before + 1), {
      timeout: 10_000,
      interval: 100,
    });
    await h.control.put("/__sim/faults", {});
  });

  it("POST /__sim/reset clears every fault", async () => {
    await h.control.put("/__sim/faults", { failRate: 1, latencyMs: 10, dropMail: true });
    expect((await h.control.post("/__sim/reset", {})).status).toBeLessThan(300);
    expect(faultsResponseSchema.parse((await h.control.get("/__sim/faults")).data)).toEqual({
      latencyMs: 0,
      failRate: 0,
      mailDelayMs: 0,
      dropMail: false,
    });
  });
});
