import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adminUsersResponseSchema, setEmailResponseSchema } from "../../../shared/wire/admin.js";
import { auditResponseSchema, mailboxResponseSchema } from "../../../shared/wire/control.js";
import {
  daEmailApplicationsResponseSchema,
  daEmailProcessResponseSchema,
} from "../../../shared/wire/da-email.js";
import { readinessBoardSchema } from "../../../shared/wire/readiness.js";
import { answerAt } from "../../support/authn-answers.js";
import { demoPassword, type Harness, startHarness } from "../simulator/sim-harness.js";

const authn = "/sso/api/v1/authn";
const admin = "/sso/api/v1/admin/users";
const applications = "/__sim/hkex/da-email-applications";
const hkt = (local: string) => Date.parse(`${local}+08:00`);
let h: Harness;

beforeAll(async () => {
  h = await startHarness({}, "2023-04-03T10:00:00+08:00");
  // 2FA sign-ins at any date: the phase pinned; each test moves the clock itself.
  expect((await h.control.put("/__sim/phase", { phase: "2fa-only" })).status).toBe(200);
  for (const userId of ["cp1.da2", "cp1.da3"]) {
    const created = await h.control.post("/__sim/users", {
      userId,
      password: demoPassword,
      role: "da",
      participant: "CP001",
      clearingHouse: "HKSCC",
      hasSmartcard: true,
      createdAt: "2021-01-04T09:00:00+08:00",
    });
    expect(created.status).toBe(201);
  }
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

async function apply(token: string, userId: string, email: string) {
  const res = await h.http.put(`${admin}/${userId}/email`, { email }, as(token));
  expect(res.status, JSON.stringify(res.data)).toBe(200);
  return setEmailResponseSchema.parse(res.data);
}

async function listed(query: Record<string, string> = {}) {
  const res = await h.control.get(applications, { params: query });
  expect(res.status).toBe(200);
  return daEmailApplicationsResponseSchema.parse(res.data).applications;
}

async function mailTo(address: string) {
  const res = await h.control.get("/__sim/mailbox", { params: { to: address } });
  return mailboxResponseSchema.parse(res.data).messages;
}

describe("a DA's email address is an application HKEX processes", () => {
  it("is filed, shown as being processed, and takes effect ten business days later on the simulated clock", async () => {
    h.clock.ms = hkt("2023-04-03T10:00:00");
    const token = await signIn("demo.da");
    const answer = await apply(token, "cp1.da2", "second.da@cp001.example.com");
    // Monday 3 April + 10 business days (weekends skipped) = Monday 17 April, 09:00 HKT.
    expect(answer).toMatchObject({
      changed: false,
      notified: { oldAddress: "not-applicable", newAddress: "not-applicable" },
      application: {
        maskedEmail: "s*******a@cp001.example.com",
        submittedBy: "demo.da",
        submittedAt: "2023-04-03T02:00:00.000Z",
        dueAt: "2023-04-17T01:00:00.000Z",
        late: false,
      },
      user: { userId: "cp1.da2", emailRegistered: false, maskedEmail: null },
    });
    const list = adminUsersResponseSchema.parse((await h.http.get(admin, as(token))).data);
    expect(list.users.find((u) => u.userId === "cp1.da2")?.emailApplication).toEqual(answer.application);
    expect(list.users.find((u) => u.userId === "demo.user")?.emailApplication).toBeNull();
    expect(await listed({ status: "processing" })).toEqual([
      expect.objectContaining({
        participant: "CP001",
        userId: "cp1.da2",
        maskedEmail: "s*******a@cp001.example.com",
        status: "processing",
        processedAt: null,
      }),
    ]);
    // Nothing is sent at submission, and the DA has no 2FA until HKEX processes it.
    expect(await mailTo("second.da@cp001.example.com")).toEqual([]);
    h.clock.ms = hkt("2023-04-17T08:59:00");
    expect(
      answerAt(
        (await h.post(authn, { userId: "cp1.da2", password: demoPassword })).data,
        "EMAIL_NOT_REGISTERED",
      ),
    ).toMatchObject({ factors: [] });

    h.clock.ms = hkt("2023-04-17T09:00:00");
    answerAt((await h.post(authn, { userId: "cp1.da2", password: demoPassword })).data, "OTP_REQUIRED");
    const mail = await mailTo("second.da@cp001.example.com");
    expect(mail.map((m) => m.subject)).toEqual([
      expect.stringContaining("registered by HKEX"),
      expect.stringContaining("one-time password"),
    ]);
    expect(mail[0]?.text).toContain("submitted by Delegated Administrator demo.da");
    expect(await listed({ participant: "CP001", status: "effective" })).toEqual([
      expect.objectContaining({ userId: "cp1.da2", processedAt: "2023-04-17T01:00:00.000Z" }),
    ]);
    const audit = auditResponseSchema.parse(
      (await h.control.get("/__sim/audit", { params: { event: "hkex.da-email.processed" } })).data,
    );
    expect(audit.events).toEqual([
      expect.objectContaining({
        userId: "cp1.da2",
        method: "hkex",
        detail: expect.stringContaining("submitted by demo.da:"),
      }),
    ]);
  });

  it("keeps a DA's old address in force until HKEX processes the new one, then tells both", async () => {
    h.clock.ms = hkt("2023-04-18T10:00:00");
    const token = await signIn("demo.da");
    await apply(token, "demo.da", "wrong.da@cp001.example.com");
    // A second application for the same DA supersedes the first; the same address again changes nothing.
    const second = await apply(token, "demo.da", "new.da@cp001.example.com");
    const again = await apply(token, "demo.da", "NEW.DA@cp001.example.com");
    expect(again.application).toEqual(second.application);
    const mine = await listed({ participant: "CP001" });
    expect(mine.filter((a) => a.userId === "demo.da").map((a) => a.status)).toEqual([
      "superseded",
      "processing",
    ]);
    // The old address still gets the codes meanwhile.
    await signIn("demo.da");
    expect((await mailTo("demo.da@cp001.example.com")).at(-1)?.otp).toMatch(/^\d{6}$/);

    const processed = await h.control.post(`${applications}/process`);
    expect(daEmailProcessResponseSchema.parse(processed.data).processed).toEqual([
      expect.objectContaining({
        userId: "demo.da",
        status: "effective",
        processedAt: "2023-04-18T02:00:00.000Z",
      }),
    ]);
    expect(
      daEmailProcessResponseSchema.parse((await h.control.post(`${applications}/process`)).data),
    ).toEqual({
      processed: [],
    });
    for (const address of ["demo.da@cp001.example.com", "new.da@cp001.example.com"]) {
      expect((await mailTo(address)).at(-1)?.text, address).toContain("n****a@cp001.example.com");
    }
    expect(await mailTo("wrong.da@cp001.example.com")).toEqual([]);
    await signIn("demo.da");
    expect((await mailTo("new.da@cp001.example.com")).at(-1)?.otp).toMatch(/^\d{6}$/);
  });

  it("processes an application submitted after the 28 April deadline too, marked late on the readiness board", async () => {
    h.clock.ms = hkt("2023-05-02T10:00:00");
    const token = await signIn("demo.da");
    const late = await apply(token, "cp1.da3", "third.da@cp001.example.com");
    expect(late.application).toMatchObject({ late: true, dueAt: "2023-05-16T01:00:00.000Z" });
    const board = async (t: string) =>
      readinessBoardSchema.parse(
        (await h.http.get("/sso/api/v1/admin/participants/CP001/readiness?users=all", as(t))).data,
      );
    const before = await board(token);
    expect(before.users.items.find((u) => u.userId === "cp1.da3")).toMatchObject({
      emailRegistered: false,
      emailApplication: { late: true, submittedBy: "demo.da" },
      needs: expect.arrayContaining(["da-email-processing"]),
    });
    expect(before.users.items.find((u) => u.userId === "cp1.da3")?.needs).not.toContain("no-email");
    expect(before.verdict.reasons).toContainEqual({ code: "das-email-processing", count: 1 });

    h.clock.ms = hkt("2023-05-16T09:30:00");
    const after = await board(await signIn("demo.da"));
    expect(after.users.items.find((u) => u.userId === "cp1.da3")).toMatchObject({
      emailRegistered: true,
      emailApplication: null,
    });
    expect(after.verdict.reasons.map((r) => r.code)).not.toContain("das-email-processing");
    expect(await listed({ status: "effective" })).toContainEqual(
      expect.objectContaining({ userId: "cp1.da3", late: true }),
    );
  });

  it("registers a user's address at once, as before, with no application", async () => {
    h.clock.ms = hkt("2023-05-17T10:00:00");
    const token = await signIn("demo.da");
    const answer = await apply(token, "demo.noemail", "lee.ky@cp001.example.com");
    expect(answer).toMatchObject({ changed: true, application: null, user: { emailRegistered: true } });
    expect(await listed({ participant: "CP001" })).not.toContainEqual(
      expect.objectContaining({ userId: "demo.noemail" }),
    );
  });

  it("refuses a bad query and needs the control token", async () => {
    expect((await h.control.get(applications, { params: { status: "lost" } })).status).toBe(400);
    expect((await h.http.get(applications)).status).toBe(401);
    expect((await h.http.post(`${applications}/process`)).status).toBe(401);
  });
});

describe("the processing delay comes from the schedule", () => {
  it("takes the schedule's business days", async () => {
    const other = await startHarness(
      {
        schedule: {
          userEmailRegistrationOpens: "2022-12-19T00:00:00+08:00",
          daEmailRegistrationOpens: "2023-03-20T00:00:00+08:00",
          launch: "2023-05-29T00:00:00+08:00",
          decommission: "2023-07-31T00:00:00+08:00",
          daEmailProcessingBusinessDays: 3,
        },
      },
      "2023-04-06T17:00:00+08:00",
    );
    try {
      await other.control.put("/__sim/phase", { phase: "2fa-only" });
      const begin = answerAt(
        (await other.post(authn, { userId: "demo.da", password: demoPassword })).data,
        "OTP_REQUIRED",
      );
      const done = answerAt(
        (
          await other.post(`${authn}/otp/verify`, {
            stateToken: begin.stateToken,
            otp: await other.latestOtp("demo.da"),
          })
        ).data,
        "SUCCESS",
      );
      const res = await other.http.put(
        `${admin}/demo.da/email`,
        { email: "x.da@cp001.example.com" },
        as(done.sessionToken),
      );
      // Thursday 6 April + 3 business days: Friday, Monday, Tuesday 11 April.
      expect(setEmailResponseSchema.parse(res.data).application?.dueAt).toBe("2023-04-11T01:00:00.000Z");
    } finally {
      await other.close();
    }
  });
});
