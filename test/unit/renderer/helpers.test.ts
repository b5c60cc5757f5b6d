import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { userIdSchema } from "../../../shared/wire/authn.js";
import { answerStates } from "../../../shared/wire/authn-states.js";
import { sampleViews } from "../../support/authn-answers.js";
import { AppError } from "../../../shared/errors.js";
import {
  factorsOf,
  outcomeOf,
  restartCodes,
  screenFor,
  viewAt,
} from "../../../renderer/features/auth/routing.js";
import { isWellFormedUserId } from "../../../shared/contract/limits.js";
import { digitsOf } from "../../../renderer/features/auth/otp-digits.js";
import { screens } from "../../../renderer/app/nav-store.js";
import { formatDuration, msUntil } from "../../../renderer/ui/time.js";
import { toUiError } from "../../../renderer/ui/ui-error.js";
import { formatDate, formatDateTime } from "../../../renderer/ui/dates.js";

describe("the login form's user ID check", () => {
  it("agrees with the wire protocol's userIdSchema on any input", () => {
    const idChars = fc.constantFrom(..."abcXYZ019._- \t@#é中".split(""));
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: idChars, maxLength: 80 })),
        (text) => {
          expect(isWellFormedUserId(text)).toBe(userIdSchema.safeParse(text).success);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe("OTP entry", () => {
  it("keeps at most six digits of whatever is typed or pasted", () => {
    expect(digitsOf("123 456")).toBe("123456");
    expect(digitsOf("Your code: 654-321.")).toBe("654321");
    expect(digitsOf("12345678")).toBe("123456");
    expect(digitsOf("abc")).toBe("");
  });
});

describe("screen routing", () => {
  it("has a screen for every login state", () => {
    for (const state of answerStates) expect(screens).toContain(screenFor(sampleViews[state]));
    expect(screenFor(sampleViews.OTP_REQUIRED)).toBe("otp");
    expect(screenFor(sampleViews.SUCCESS)).toBe("desktop");
    expect(screenFor(sampleViews.METHOD_CHOICE)).toBe("methodChoice");
    expect(screenFor(sampleViews.SMARTCARD_REQUIRED)).toBe("smartcard");
    expect(screenFor(sampleViews.PASSWORD_EXPIRED)).toBe("changePassword");
    expect(screenFor(sampleViews.LOCKED_OUT)).toBe("outcome");
    expect(screenFor(sampleViews.EMAIL_NOT_REGISTERED)).toBe("outcome");
    expect(screenFor(sampleViews.METHOD_DECOMMISSIONED)).toBe("outcome");
  });

  it("reads each state's own fields only: factors where the step offers them, an outcome where it ended", () => {
    expect(factorsOf(sampleViews.METHOD_CHOICE)).toEqual(["otp", "smartcard"]);
    expect(factorsOf(sampleViews.EMAIL_NOT_REGISTERED)).toEqual(["smartcard"]);
    expect(factorsOf(sampleViews.PASSWORD_EXPIRED)).toEqual([]);
    expect(factorsOf(sampleViews.SUCCESS)).toEqual([]);
    expect(factorsOf(null)).toEqual([]);
    expect(outcomeOf(sampleViews.LOCKED_OUT)).toEqual({
      kind: "LOCKED_OUT",
      lockedUntil: sampleViews.LOCKED_OUT.lockedUntil,
      message: sampleViews.LOCKED_OUT.message,
    });
    expect(outcomeOf(sampleViews.METHOD_DECOMMISSIONED)).toMatchObject({ kind: "METHOD_DECOMMISSIONED" });
    // The page lost the answer (or holds a step in progress): it says the sign-in expired.
    expect(outcomeOf(null).kind).toBe("EXPIRED");
    expect(outcomeOf(sampleViews.OTP_REQUIRED).kind).toBe("EXPIRED");
    expect(viewAt(sampleViews.OTP_REQUIRED, "OTP_REQUIRED")?.maskedEmail).toBe("d*******r@cp001.example.com");
    expect(viewAt(sampleViews.OTP_REQUIRED, "PASSWORD_EXPIRED")).toBeNull();
  });

  it("sends the person back to the start after the login is gone", () => {
    expect(restartCodes.has("EXPIRED")).toBe(true);
    expect(restartCodes.has("INVALID_OTP")).toBe(false);
  });
});

describe("countdowns", () => {
  it("formats milliseconds as m:ss or h:mm:ss, rounding up and never negative", () => {
    expect(formatDuration(299_001)).toBe("5:00");
    expect(formatDuration(30_000)).toBe("0:30");
    expect(formatDuration(1)).toBe("0:01");
    expect(formatDuration(-5000)).toBe("0:00");
    expect(formatDuration(8 * 3600_000)).toBe("8:00:00");
    expect(formatDuration(3600_000 + 61_000)).toBe("1:01:01");
  });

  it("measures time until an ISO instant", () => {
    expect(msUntil("2023-05-29T00:00:10Z", Date.parse("2023-05-29T00:00:00Z"))).toBe(10_000);
    expect(msUntil(undefined, 0)).toBeNull();
    expect(msUntil("not a time", 0)).toBeNull();
  });
});

describe("toUiError", () => {
  it("keeps the code and details of an AppError, and of a copy that lost its class", () => {
    expect(toUiError(new AppError("INVALID_OTP", "no", { attemptsRemaining: 3 }))).toEqual({
      code: "INVALID_OTP",
      details: { attemptsRemaining: 3 },
    });
    expect(toUiError({ code: "LOCKED_OUT", message: "x" })).toEqual({ code: "LOCKED_OUT" });
  });

  it("turns anything else into INTERNAL", () => {
    expect(toUiError(new Error("boom"))).toEqual({ code: "INTERNAL" });
    expect(toUiError({ code: "<script>" })).toEqual({ code: "INTERNAL" });
    expect(toUiError(null)).toEqual({ code: "INTERNAL" });
  });
});

describe("dates", () => {
  it("shows Hong Kong time in both languages, whatever the computer's zone", () => {
    expect(formatDateTime("2023-05-29T01:02:03Z", "en")).toMatch(/29 May 2023.*9:02:03.*HKT$/);
    expect(formatDateTime("2023-05-29T01:02:03Z", "zh-HK")).toMatch(/2023年5月29日.*HKT$/);
    expect(formatDate("2023-05-28T17:00:00Z", "en")).toBe("29 May 2023");
    expect(formatDateTime("not a date", "en")).toBe("not a date");
  });

  it("does not follow this computer's zone or its locale's US order", () => {
    const zone = process.env.TZ;
    process.env.TZ = "America/New_York";
    try {
      expect(new Date("2023-05-29T01:02:03Z").getHours()).toBe(21);
      expect(formatDateTime("2023-05-29T01:02:03Z", "en")).toBe("29 May 2023, 9:02:03 am HKT");
      expect(formatDateTime("2023-05-29T01:02:03Z", "zh-HK")).toBe("2023年5月29日 上午9:02:03 HKT");
      expect(formatDate("2023-05-29T01:02:03Z", "zh-HK")).toBe("2023年5月29日");
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });
});
