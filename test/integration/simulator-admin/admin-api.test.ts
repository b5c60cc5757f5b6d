import { type AddressInfo, createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "../../../shared/error-schemas.js";
import {
  adminUsersResponseSchema,
  setEmailResponseSchema,
  unlockResponseSchema,
} from "../../../shared/wire/admin.js";
import { authnResponseSchema } from "../../../shared/wire/authn.js";
import { auditResponseSchema, mailboxResponseSchema } from "../../../shared/wire/control.js";
import { parseSmtpConfig } from "../../../simulator/mail/smtp-config.js";
import { SmtpMailTransport } from "../../../simulator/mail/smtp-transport.js";
import { demoPassword, type Harness, startHarness } from "../simulator/sim-harness.js";
import { answerAt } from "../../support/authn-answers.js";

const authn = "/sso/api/v1/authn";
const admin = "/sso/api/v1/admin/users";
let h: Harness;
let daToken: string;

beforeAll(async () => {
  h = await startHarness();
  const created = await h.control.post("/__sim/users", {
    userId: "cp2.da",
    password: demoPassword,
    email: "da@cp002.example.com",
    role: "da",
    participant: "CP002",
    clearingHouse: "HKCC",
  });
  expect(created.status).toBe(201);
  daToken = await signIn("demo.da");
});
afterAll(async () => h.close());

async function signIn(userId: string): Promise<string> {
  const begin = answerAt((await h.post(authn, { userId, password: demoPassword })).data, "OTP_REQUIRED");
  const otp = await h.latestOtp(userId);
  const done = answerAt(
    (await h.post(`${authn}/otp/verify`, { stateToken: begin.stateToken, otp })).data,
    "SUCCESS",
  );
  return done.sessionToken;
}

const as = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
const code = (res: { data: unknown }) => errorBodySchema.parse(res.data).error.code;

async function mailTo(address: string) {
  const res = await h.control.get("/__sim/mailbox", { params: { to: address } });
  return mailboxResponseSchema.parse(res.data).messages;
}

describe("DA lists their participant's users", () => {
  it("shows only the DA's own participant, with email status masked and lock state", async () => {
    const res = await h.http.get(admin, as(daToken));
    expect(res.status).toBe(200);
    const body = adminUsersResponseSchema.parse(res.data);
    expect(body.participant).toBe("CP001");
    expect(body.users.every((u) => u.participant === "CP001")).toBe(true);
    expect(body.users.map((u) => u.userId)).not.toContain("demo.hkcc");
    const noEmail = body.users.find((u) => u.userId === "demo.noemail");
    expect(noEmail).toMatchObject({ emailRegistered: false, maskedEmail: null, lockedUntil: null });
    const user = body.users.find((u) => u.userId === "demo.user");
    expect(user).toMatchObject({ emailRegistered: true, maskedEmail: "d*******r@cp001.example.com" });
    expect(JSON.stringify(body)).not.toContain("demo.user@cp001.example.com");
  });

  it("refuses without a session (401) and for a plain user (403)", async () => {
    const none = await h.http.get(admin);
    expect(none.status).toBe(401);
    expect(code(none)).toBe("UNAUTHORIZED");
    const bogus = await h.http.get(admin, as("not-a-real-session-token"));
    expect(bogus.status).toBe(401);
    const userToken = await signIn("demo.user");
    const plain = await h.http.get(admin, as(userToken));
    expect(plain.status).toBe(403);
    expect(code(plain)).toBe("FORBIDDEN");
    const put = await h.http.put(`${admin}/demo.user/email`, { email: "x@cp001.example.com" }, as(userToken));
    expect(put.status).toBe(403);
  });
});

describe("DA registers and changes email addresses", () => {
  it("registers a first address: the user can then receive OTPs, and is told at the new address", async () => {
    const res = await h.http.put(
      `${admin}/demo.noemail/email`,
      { email: "no.more@cp001.example.com" },
      as(daToken),
    );
    expect(res.status).toBe(200);
    const body = setEmailResponseSchema.parse(res.data);
    expect(body).toMatchObject({
      changed: true,
      notified: { oldAddress: "not-applicable", newAddress: "sent" },
      user: { userId: "demo.noemail", emailRegistered: true, maskedEmail: "n*****e@cp001.example.com" },
    });
    const notice = (await mailTo("no.more@cp001.example.com")).at(-1);
    expect(notice?.subject).toContain("email address changed");
    expect(notice?.subject).toContain("電郵地址已更改");
    expect(notice?.text).toContain("demo.da");
    expect(notice?.html).toContain('lang="zh-HK"');
    expect(notice?.otp).toBeNull();

    const login = answerAt(
      (await h.post(authn, { userId: "demo.noemail", password: demoPassword })).data,
      "OTP_REQUIRED",
    );
    expect(login.maskedEmail).toBe("n*****e@cp001.example.com");
  });

  it("changes an address: both the old and the new address are told, and the change is audited without the address", async () => {
    const res = await h.http.put(
      `${admin}/demo.user/email`,
      { email: "tai.man@cp001.example.com" },
      as(daToken),
    );
    expect(res.status).toBe(200);
    expect(setEmailResponseSchema.parse(res.data).notified).toEqual({
      oldAddress: "sent",
      newAddress: "sent",
    });
    expect((await mailTo("demo.user@cp001.example.com")).at(-1)?.subject).toContain("email address changed");
    expect((await mailTo("tai.man@cp001.example.com")).at(-1)?.subject).toContain("email address changed");

    const audit = auditResponseSchema.parse(
      (await h.control.get("/__sim/audit", { params: { userId: "demo.user" } })).data,
    );
    const event = audit.events.filter((e) => e.event === "admin.email.set").at(-1);
    expect(event).toMatchObject({ method: "admin", outcome: "success" });
    expect(event?.detail).toContain("demo.da");
    expect(JSON.stringify(audit)).not.toContain("tai.man@cp001.example.com");
    expect(JSON.stringify(audit)).not.toContain(daToken);
  });

  it("keeps the change when the notices cannot be sent, says so, and records the failed mail", async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const good = h.sim.context.mailer.transport;
    const down = new SmtpMailTransport(parseSmtpConfig(`smtp://127.0.0.1:${port}`));
    h.sim.context.mailer.transport = down;
    try {
      const res = await h.http.put(
        `${admin}/demo.newuser/email`,
        { email: "offline@cp001.example.com" },
        as(daToken),
      );
      expect(res.status).toBe(200);
      expect(setEmailResponseSchema.parse(res.data)).toMatchObject({
        changed: true,
        notified: { oldAddress: "failed", newAddress: "failed" },
        user: { maskedEmail: "o*****e@cp001.example.com" },
      });
      expect((await mailTo("offline@cp001.example.com")).at(-1)?.status).toBe("failed");
    } finally {
      await down.close();
      h.sim.context.mailer.transport = good;
    }
  });

  it("setting the same address again changes nothing and sends nothing", async () => {
    const before = (await mailTo("tai.man@cp001.example.com")).length;
    const res = await h.http.put(
      `${admin}/demo.user/email`,
      { email: "TAI.MAN@cp001.example.com" },
      as(daToken),
    );
    expect(setEmailResponseSchema.parse(res.data).changed).toBe(false);
    expect((await mailTo("tai.man@cp001.example.com")).length).toBe(before);
  });

  it("validates the address and the body", async () => {
    for (const body of [
      { email: "not-an-email" },
      { email: "" },
      {},
      { email: "a@b.example", extra: 1 },
      { email: 42 },
    ]) {
      const res = await h.http.put(`${admin}/demo.user/email`, body, as(daToken));
      expect(res.status).toBe(400);
      expect(code(res)).toBe("INVALID_INPUT");
    }
    const long = await h.http.put(
      `${admin}/demo.user/email`,
      { email: `${"a".repeat(250)}@x.example` },
      as(daToken),
    );
    expect(long.status).toBe(400);
    const badId = await h.http.put(
      `${admin}/${encodeURIComponent("bad id!")}/email`,
      { email: "a@b.example" },
      as(daToken),
    );
    expect(badId.status).toBe(400);
  });

  it("refuses another participant's DA, and answers the same for an unknown user ID", async () => {
    const otherDa = await signIn("cp2.da");
    const foreign = await h.http.put(
      `${admin}/demo.user/email`,
      { email: "evil@cp002.example.com" },
      as(otherDa),
    );
    expect(foreign.status).toBe(403);
    expect(code(foreign)).toBe("FORBIDDEN");
    const unknown = await h.http.put(
      `${admin}/nobody.here/email`,
      { email: "evil@cp002.example.com" },
      as(otherDa),
    );
    expect(unknown.status).toBe(403);
    expect(errorBodySchema.parse(unknown.data).error.message).toBe(
      errorBodySchema.parse(foreign.data).error.message,
    );
    const unlock = await h.http.post(`${admin}/demo.user/unlock`, {}, as(otherDa));
    expect(unlock.status).toBe(403);
    const list = adminUsersResponseSchema.parse((await h.http.get(admin, as(otherDa))).data);
    expect(list.users.map((u) => u.userId).sort()).toEqual(["cp2.da", "demo.hkcc"]);
  });
});

describe("registration windows follow the simulated clock", () => {
  it("opens users' registration on 19 Dec 2022 and DAs' on 20 Mar 2023", async () => {
    const saved = h.clock.ms;
    // 2FA sign-in before launch needs the phase pinned; each jump signs in afresh (sessions expire when idle).
    expect((await h.control.put("/__sim/phase", { phase: "2fa-only" })).status).toBe(200);
    const at = async (iso: string) => {
      h.clock.ms = Date.parse(iso);
      return signIn("demo.da");
    };
    try {
      let token = await at("2023-01-10T10:00:00+08:00");
      const da = await h.http.put(`${admin}/demo.da/email`, { email: "da.new@cp001.example.com" }, as(token));
      expect(da.status).toBe(403);
      expect(code(da)).toBe("REGISTRATION_CLOSED");
      expect(errorBodySchema.parse(da.data).error.message).toContain("2023-03-19");
      const user = await h.http.put(
        `${admin}/demo.newuser/email`,
        { email: "newbie@cp001.example.com" },
        as(token),
      );
      expect(user.status).toBe(200);

      token = await at("2022-12-18T23:59:00+08:00");
      const early = await h.http.put(
        `${admin}/demo.newuser/email`,
        { email: "early@cp001.example.com" },
        as(token),
      );
      expect(early.status).toBe(403);
      expect(code(early)).toBe("REGISTRATION_CLOSED");

      token = await at("2023-03-20T00:00:00+08:00");
      const daOpen = await h.http.put(
        `${admin}/demo.da/email`,
        { email: "da.new@cp001.example.com" },
        as(token),
      );
      expect(daOpen.status).toBe(200);
    } finally {
      h.clock.ms = saved;
      await h.control.put("/__sim/phase", { phase: null });
      daToken = await signIn("demo.da");
    }
  });
});

describe("DA unlocks a locked user", () => {
  it("shows the lock, lifts it, and the user can sign in again", async () => {
    for (let i = 0; i < 5; i++) await h.post(authn, { userId: "demo.hkcc", password: "wrong-password" });
    const locked = await h.post(authn, { userId: "demo.hkcc", password: demoPassword });
    expect(JSON.stringify(locked.data)).toContain("LOCKED_OUT");

    const otherDa = await signIn("cp2.da");
    const list = adminUsersResponseSchema.parse((await h.http.get(admin, as(otherDa))).data);
    expect(list.users.find((u) => u.userId === "demo.hkcc")?.lockedUntil).not.toBeNull();

    const res = await h.http.post(`${admin}/demo.hkcc/unlock`, {}, as(otherDa));
    expect(res.status).toBe(200);
    expect(unlockResponseSchema.parse(res.data)).toMatchObject({
      wasLocked: true,
      user: { lockedUntil: null },
    });
    const again = authnResponseSchema.parse(
      (await h.post(authn, { userId: "demo.hkcc", password: demoPassword })).data,
    );
    expect(again.state).toBe("OTP_REQUIRED");

    const audit = auditResponseSchema.parse(
      (await h.control.get("/__sim/audit", { params: { userId: "demo.hkcc" } })).data,
    );
    expect(audit.events.some((e) => e.event === "admin.unlock" && e.detail?.includes("cp2.da"))).toBe(true);
  });
});
