import { describe, expect, it } from "vitest";
import type { PracticeItemId } from "../../../shared/contract/practice.js";
import type { Phase } from "../../../shared/phases.js";
import type { AuditEvent, SimUser } from "../../../shared/wire/control.js";
import { practiceChecklist, type ChecklistInput } from "../../../shared/practice/practice-checklist.js";
import { defaultSchedule } from "../../../simulator/config.js";

const LAUNCH_DAY = "2023-05-29T01:00:00.000Z";
const BEFORE = "2023-04-27T01:00:00.000Z";
const AFTER = "2023-08-01T01:00:00.000Z";

const user: SimUser = {
  userId: "demo.user",
  displayName: "Chan Tai Man",
  role: "user",
  participant: "CP001",
  participantName: "Demo Securities Limited",
  clearingHouse: "HKSCC",
  email: "demo.user@cp001.example.com",
  hasSmartcard: true,
  createdAt: "2023-01-03T01:00:00.000Z",
  passwordExpired: false,
  lockedUntil: null,
};

let id = 0;
const ev = (event: string, outcome: string, at = LAUNCH_DAY, more: Partial<AuditEvent> = {}): AuditEvent => ({
  id: ++id,
  at,
  userId: "demo.user",
  event,
  method: "otp",
  outcome,
  clientAddress: "127.0.0.1",
  detail: null,
  realAt: "2026-11-30T02:00:00.000Z",
  ...more,
});
const password = (at = LAUNCH_DAY) => ev("authn.password", "success", at, { method: "password" });
const otpSuccess = (at = LAUNCH_DAY) => ev("authn.success", "success", at);
const wrongCode = (at = LAUNCH_DAY) => ev("authn.otp", "failure", at);
const cardSuccess = (at: string) => ev("authn.success", "success", at, { method: "smartcard" });

function checklist(events: AuditEvent[], more: Partial<ChecklistInput> = {}) {
  const phase: Phase = more.phase ?? "parallel-run";
  return practiceChecklist({
    user,
    schedule: defaultSchedule,
    phase,
    now: LAUNCH_DAY,
    events,
    registrations: [],
    ...more,
  });
}
const done = (items: ReturnType<typeof checklist>) => items.filter((i) => i.done).map((i) => i.id);
const applicable = (items: ReturnType<typeof checklist>) =>
  items.filter((i) => i.applicable).map((i) => i.id);

describe("the practice checklist, read from the audit log", () => {
  it("has nothing done for a user with no events", () => {
    const items = checklist([]);
    expect(done(items)).toEqual([]);
    expect(items.every((i) => i.times === 0 && i.firstAt === null && i.firstRealAt === null)).toBe(true);
  });

  it("counts an OTP sign-in, with its first and last times, simulated and real", () => {
    const items = checklist([password(), otpSuccess(), password(), otpSuccess("2023-05-30T01:00:00.000Z")]);
    expect(items.find((i) => i.id === "otp-sign-in")).toEqual({
      id: "otp-sign-in",
      applicable: true,
      done: true,
      pending: false,
      times: 2,
      firstAt: LAUNCH_DAY,
      firstRealAt: "2026-11-30T02:00:00.000Z",
      lastAt: "2023-05-30T01:00:00.000Z",
      lastRealAt: "2026-11-30T02:00:00.000Z",
    });
  });

  it("counts a recovery only when a wrong code and the success are in the same sign-in", () => {
    expect(done(checklist([password(), wrongCode(), otpSuccess()]))).toContain("otp-wrong-code");
    expect(done(checklist([password(), ev("authn.otp", "failure-void"), otpSuccess()]))).toContain(
      "otp-wrong-code",
    );
    // A wrong code in a sign-in that was abandoned, then a clean sign-in: nothing was recovered from.
    expect(done(checklist([password(), wrongCode(), password(), otpSuccess()]))).not.toContain(
      "otp-wrong-code",
    );
  });

  it("counts a resend only when a new code went out", () => {
    expect(done(checklist([ev("authn.otp-resend", "refused-cooldown")]))).toEqual([]);
    expect(done(checklist([ev("authn.otp-resend", "sent")]))).toEqual(["otp-resend"]);
  });

  it("counts a smartcard sign-in as the fallback only during the parallel run", () => {
    expect(done(checklist([cardSuccess(BEFORE)]))).toEqual([]);
    expect(done(checklist([cardSuccess(LAUNCH_DAY)]))).toEqual(["smartcard-fallback"]);
  });

  it("counts signing in after decommissioning only with an OTP after the decommission date", () => {
    expect(done(checklist([otpSuccess(AFTER)]))).toEqual(["otp-sign-in", "after-decommission"]);
    expect(done(checklist([otpSuccess("2023-07-30T15:59:00.000Z")]))).toEqual(["otp-sign-in"]);
  });

  it("counts a connectivity check the terminal reported", () => {
    expect(done(checklist([ev("practice.connectivity-check", "fail", BEFORE, { method: "check" })]))).toEqual(
      ["connectivity-check"],
    );
  });

  it("counts email registrations made by this DA, not by another", () => {
    const da = { ...user, userId: "Demo.DA", role: "da" as const };
    const registration = (detail: string, outcome = "success") =>
      ev("admin.email.set", outcome, LAUNCH_DAY, { userId: "demo.noemail", method: "admin", detail });
    const items = (registrations: AuditEvent[]) =>
      done(checklist([], { user: da, registrations }).filter((i) => i.id === "da-register-email"));
    expect(items([registration("by other.da: none -> l***@cp001.example.com")])).toEqual([]);
    expect(items([registration("by demo.da: registration closed", "refused")])).toEqual([]);
    expect(items([registration("by demo.da: none -> l***@cp001.example.com")])).toEqual([
      "da-register-email",
    ]);
  });
});

describe("a DA's email application", () => {
  const da = { ...user, userId: "Demo.DA", role: "da" as const };
  const processed = (detail: string) =>
    ev("hkex.da-email.processed", "effective", LAUNCH_DAY, { userId: "other.da", method: "hkex", detail });
  const item = (more: Partial<ChecklistInput>) =>
    checklist([], { user: da, ...more }).find((i) => i.id === "da-email-application");

  it("is done once HKEX processed an application this DA submitted, for any DA of the participant", () => {
    expect(
      item({ registrations: [processed("submitted by other.da: none -> o***@x.example")] }),
    ).toMatchObject({
      done: false,
      pending: false,
    });
    expect(
      item({ registrations: [processed("submitted by demo.da: none -> o***@x.example; late")] }),
    ).toMatchObject({ done: true, pending: false, times: 1, firstAt: LAUNCH_DAY });
  });

  it("is pending while an application this DA submitted is being processed by HKEX", () => {
    expect(item({ pendingApplications: [{ submittedBy: "other.da" }] })).toMatchObject({ pending: false });
    expect(item({ pendingApplications: [{ submittedBy: "DEMO.DA" }] })).toMatchObject({
      done: false,
      pending: true,
    });
    // Only this item waits on HKEX.
    expect(
      checklist([], { user: da, pendingApplications: [{ submittedBy: "demo.da" }] }).filter((i) => i.pending),
    ).toHaveLength(1);
  });
});

describe("which rehearsals make sense at the simulated moment", () => {
  const at = (phase: Phase, now: string, more: Partial<ChecklistInput> = {}) =>
    applicable(checklist([], { phase, now, ...more }));
  const all: PracticeItemId[] = ["otp-sign-in", "otp-resend", "otp-wrong-code"];

  it("before launch: the connectivity check only (and, for a DA, registering emails)", () => {
    expect(at("smartcard-only", BEFORE)).toEqual(["connectivity-check"]);
    expect(at("smartcard-only", BEFORE, { user: { ...user, role: "da" } })).toEqual([
      "da-register-email",
      "da-email-application",
      "connectivity-check",
    ]);
    // Before DAs' registration opened (20 Mar 2023), a DA registers users' addresses only.
    expect(at("smartcard-only", "2023-03-19T01:00:00.000Z", { user: { ...user, role: "da" } })).toEqual([
      "da-register-email",
      "connectivity-check",
    ]);
    // Before users' email registration opened, a DA has nothing to register yet.
    expect(at("smartcard-only", "2022-12-01T01:00:00.000Z", { user: { ...user, role: "da" } })).toEqual([
      "connectivity-check",
    ]);
  });

  it("in the parallel run: the OTP, and the smartcard fallback for a card holder created before launch", () => {
    expect(at("parallel-run", LAUNCH_DAY)).toEqual([...all, "smartcard-fallback", "connectivity-check"]);
    expect(
      at("parallel-run", LAUNCH_DAY, { user: { ...user, createdAt: "2023-06-12T01:00:00.000Z" } }),
    ).toEqual([...all, "connectivity-check"]);
    expect(at("parallel-run", LAUNCH_DAY, { user: { ...user, hasSmartcard: false } })).toEqual([
      ...all,
      "connectivity-check",
    ]);
  });

  it("after decommissioning: the OTP and signing in without the card", () => {
    expect(at("2fa-only", AFTER)).toEqual([...all, "after-decommission", "connectivity-check"]);
  });
});
