import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authnResponseSchema } from "../../../shared/wire/authn.js";
import { answerAt } from "../../support/authn-answers.js";
import {
  auditResponseSchema,
  mailboxResponseSchema,
  simUserResponseSchema,
} from "../../../shared/wire/control.js";
import { demoPassword, type Harness, startHarness } from "./sim-harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const newUser = {
  userId: "qa.tester",
  password: "Qa#Password2023",
  email: "qa.tester@cp003.example.com",
  role: "user",
  participant: "CP003",
  participantName: "QA Brokers Limited",
  displayName: "QA Tester",
  clearingHouse: "SEOCH",
};

describe("control API", () => {
  it("refuses every call without the right bearer token", async () => {
    const routes: Array<[string, string]> = [
      ["get", "/__sim/status"],
      ["get", "/__sim/mailbox?to=a@b.c"],
      ["post", "/__sim/users"],
      ["get", "/__sim/clock"],
      ["put", "/__sim/phase"],
      ["get", "/__sim/audit"],
      ["post", "/__sim/reset"],
      ["post", "/__sim/users/demo.user/unlock"],
    ];
    for (const [method, url] of routes) {
      for (const headers of [
        {},
        { authorization: "Bearer wrong-token-123" },
        { authorization: h.sim.controlToken },
      ]) {
        const res = await h.http.request({ method, url, headers, data: method === "get" ? undefined : {} });
        expect(res.status, `${method} ${url}`).toBe(401);
        expect(res.data.error.code).toBe("UNAUTHORIZED");
      }
    }
  });

  it("creates a user (201), refuses a duplicate in any case (409), and the user can sign in", async () => {
    const created = await h.control.post("/__sim/users", newUser);
    expect(created.status).toBe(201);
    expect(simUserResponseSchema.parse(created.data).user).toMatchObject({
      userId: "qa.tester",
      email: "qa.tester@cp003.example.com",
      hasSmartcard: false,
      clearingHouse: "SEOCH",
      lockedUntil: null,
    });
    expect(JSON.stringify(created.data)).not.toContain(newUser.password);
    const dup = await h.control.post("/__sim/users", { ...newUser, userId: "QA.Tester" });
    expect(dup.status).toBe(409);
    expect(dup.data.error.code).toBe("CONFLICT");
    const bad = await h.control.post("/__sim/users", { ...newUser, userId: "bad id!", role: "admin" });
    expect(bad.status).toBe(400);
    expect(bad.data.error.code).toBe("INVALID_INPUT");

    const login = await h.post("/sso/api/v1/authn", { userId: "qa.tester", password: newUser.password });
    expect(authnResponseSchema.parse(login.data).state).toBe("OTP_REQUIRED");
    const byAddress = mailboxResponseSchema.parse(
      (await h.control.get("/__sim/mailbox", { params: { to: newUser.email } })).data,
    );
    const byUser = mailboxResponseSchema.parse(
      (await h.control.get("/__sim/mailbox", { params: { userId: "QA.TESTER" } })).data,
    );
    expect(byAddress.messages).toHaveLength(1);
    expect(byUser.messages).toEqual(byAddress.messages);
    expect(byAddress.messages[0]).toMatchObject({ to: newUser.email, status: "delivered" });
    const noQuery = await h.control.get("/__sim/mailbox");
    expect(noQuery.status).toBe(400);
  });

  it("lists the mailbox oldest first", async () => {
    const step = answerAt(
      (await h.post("/sso/api/v1/authn", { userId: "demo.hkcc", password: demoPassword })).data,
      "OTP_REQUIRED",
    );
    h.clock.advance(30_000);
    await h.post("/sso/api/v1/authn/otp/resend", { stateToken: step.stateToken });
    const { messages } = mailboxResponseSchema.parse(
      (await h.control.get("/__sim/mailbox?userId=demo.hkcc")).data,
    );
    expect(messages.length).toBe(2);
    expect(Date.parse(messages[0]?.sentAt ?? "")).toBeLessThan(Date.parse(messages[1]?.sentAt ?? ""));
    const latest = mailboxResponseSchema.parse(
      (await h.control.get("/__sim/mailbox?userId=demo.hkcc&limit=1")).data,
    );
    expect(latest.messages).toEqual([messages[1]]);
  });

  it("answers 404 for unlocking an unknown user", async () => {
    const res = await h.control.post("/__sim/users/no.such.user/unlock", {});
    expect(res.status).toBe(404);
    expect(res.data.error.code).toBe("NOT_FOUND");
  });

  it("audits authentication and control events without any password, OTP or token", async () => {
    await h.post("/sso/api/v1/authn", { userId: "demo.user", password: "Wrong#Password1" });
    const step = answerAt(
      (await h.post("/sso/api/v1/authn", { userId: "demo.user", password: demoPassword })).data,
      "OTP_REQUIRED",
    );
    const otp = await h.latestOtp("demo.user");
    await h.post("/sso/api/v1/authn/otp/verify", {
      stateToken: step.stateToken,
      otp: otp === "999999" ? "000000" : "999999",
    });
    const ok = answerAt(
      (await h.post("/sso/api/v1/authn/otp/verify", { stateToken: step.stateToken, otp })).data,
      "SUCCESS",
    );
    await h.http.delete("/sso/api/v1/session", { headers: { authorization: `Bearer ${ok.sessionToken}` } });

    const res = await h.control.get("/__sim/audit", { params: { userId: "Demo.User" } });
    const { events } = auditResponseSchema.parse(res.data);
    const summary = events.map((e) => `${e.event}:${e.method}:${e.outcome}`);
    expect(summary).toEqual([
      "authn.password:password:failure",
      "authn.password:password:success",
      "authn.otp-sent:otp:sent",
      "authn.otp:otp:failure",
      "authn.success:otp:success",
      "session.revoke:session:signed-out",
    ]);
    expect(events.every((e) => e.userId === "demo.user" && e.at.length > 0)).toBe(true);
    expect(events[0]?.clientAddress).toBe("127.0.0.1");
    const all = JSON.stringify((await h.control.get("/__sim/audit")).data);
    for (const secret of [
      demoPassword,
      "Wrong#Password1",
      otp,
      step.stateToken,
      ok.sessionToken,
      newUser.password,
    ]) {
      expect(all).not.toContain(secret);
    }
    expect(all).toContain("control.user-create");
  });

  it("resets to the seeded state", async () => {
    await h.control.put("/__sim/phase", { phase: "parallel-run" });
    const res = await h.control.post("/__sim/reset");
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ phasePinned: false, reset: true });
    expect((await h.control.get("/__sim/users/qa.tester")).status).toBe(404);
    expect((await h.control.get("/__sim/users/demo.user")).status).toBe(200);
    const users = await h.control.get("/__sim/users");
    expect(users.data.users.map((u: { userId: string }) => u.userId).sort()).toEqual([
      "demo.da",
      "demo.hkcc",
      "demo.newuser",
      "demo.noemail",
      "demo.user",
    ]);
    expect((await h.control.get("/__sim/mailbox?userId=demo.user")).data.messages).toEqual([]);
    const login = await h.post("/sso/api/v1/authn", { userId: "demo.user", password: demoPassword });
    expect(authnResponseSchema.parse(login.data).state).toBe("OTP_REQUIRED");
  });
});
