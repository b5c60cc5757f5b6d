import { describe, expect, it } from "vitest";
import { defaultSchedule } from "../../../simulator/config.js";
import { deadlinesAt, readinessDeadlineOf } from "../../../simulator/features/readiness/deadlines.js";
import { needsOf, verdictOf } from "../../../simulator/features/readiness/verdict.js";

const at = (hkt: string) => Date.parse(`${hkt}+08:00`);
const statusOf = (id: string, now: number) => deadlinesAt(defaultSchedule, now).find((d) => d.id === id);

describe("deadlines, in Hong Kong calendar days", () => {
  it("puts the email and connectivity deadline 31 days before launch unless the schedule says otherwise", () => {
    expect(readinessDeadlineOf(defaultSchedule)).toBe("2023-04-27T16:00:00.000Z");
    expect(readinessDeadlineOf({ ...defaultSchedule, readinessDeadline: "2023-05-02T00:00:00+08:00" })).toBe(
      "2023-05-02T00:00:00+08:00",
    );
  });

  it.each([
    ["2023-04-27T23:59:59", "upcoming", 1],
    ["2023-04-28T00:00:00", "today", 0],
    ["2023-04-28T23:59:59", "today", 0],
    ["2023-04-29T00:00:00", "passed", -1],
    ["2023-01-01T12:00:00", "upcoming", 117],
  ])("the deadline at %s HKT: %s, %i", (now, status, daysLeft) => {
    expect(statusOf("readinessDeadline", at(now))).toMatchObject({ status, daysLeft });
  });

  it("counts days by the Hong Kong date, not by UTC or elapsed hours", () => {
    // 27 Apr 23:30 HKT is 27 Apr 15:30 UTC; 28 Apr 00:30 HKT is still 27 Apr in UTC.
    expect(statusOf("readinessDeadline", at("2023-04-27T23:30:00"))).toMatchObject({ daysLeft: 1 });
    expect(statusOf("readinessDeadline", at("2023-04-28T00:30:00"))).toMatchObject({ status: "today" });
    expect(statusOf("launch", at("2023-05-28T23:59:00"))).toMatchObject({ status: "upcoming", daysLeft: 1 });
  });

  it("walks the whole schedule in order", () => {
    const seen = deadlinesAt(defaultSchedule, at("2023-03-20T09:00:00")).map((d) => [d.id, d.status]);
    expect(seen).toEqual([
      ["userEmailRegistrationOpens", "passed"],
      ["daEmailRegistrationOpens", "today"],
      ["readinessDeadline", "upcoming"],
      ["launch", "upcoming"],
      ["decommission", "upcoming"],
    ]);
  });
});

describe("what a user needs, and the verdict", () => {
  const ready = { email: "a@b.example", lockedUntil: null, first2faAt: 1 };

  it("asks a first 2FA sign-in only once 2FA has launched", () => {
    const never = { ...ready, first2faAt: null };
    expect(needsOf(never, "smartcard-only")).toEqual([]);
    expect(needsOf(never, "parallel-run")).toEqual(["no-2fa-sign-in"]);
    expect(needsOf({ ...never, email: null, lockedUntil: 5 }, "2fa-only")).toEqual([
      "no-email",
      "locked",
      "no-2fa-sign-in",
    ]);
    expect(needsOf(ready, "2fa-only")).toEqual([]);
  });

  it("is ready only with every user ready and at least one PC, none failing", () => {
    expect(verdictOf([{ needs: [] }], [{ status: "pass" }, { status: "warn" }])).toEqual({
      ready: true,
      reasons: [],
    });
    expect(verdictOf([{ needs: [] }], [])).toEqual({
      ready: false,
      reasons: [{ code: "no-pc-results", count: 0 }],
    });
    expect(
      verdictOf(
        [{ needs: ["no-email", "no-2fa-sign-in"] }, { needs: ["locked"] }, { needs: ["no-email"] }],
        [{ status: "fail" }, { status: "pass" }],
      ),
    ).toEqual({
      ready: false,
      reasons: [
        { code: "users-without-email", count: 2 },
        { code: "users-locked", count: 1 },
        { code: "users-without-2fa-sign-in", count: 1 },
        { code: "pcs-failing", count: 1 },
      ],
    });
  });
});
