import { describe, expect, it } from "vitest";
import { authViewSchema } from "../../../shared/contract/auth.js";
import { acceptsFrom, answerStates, requestsFrom } from "../../../shared/wire/authn-states.js";
import { authnResponseSchema } from "../../../shared/wire/authn.js";
import { sampleViews } from "../../support/authn-answers.js";

const token = { stateToken: "t".repeat(43) };

/** Each sample view with the token its answer on the wire carries. */
const answers = {
  OTP_REQUIRED: { ...sampleViews.OTP_REQUIRED, ...token },
  METHOD_CHOICE: { ...sampleViews.METHOD_CHOICE, ...token },
  SMARTCARD_REQUIRED: { ...sampleViews.SMARTCARD_REQUIRED, ...token },
  PASSWORD_EXPIRED: (({ passwordPolicy: _policy, ...view }) => ({ ...view, ...token }))(
    sampleViews.PASSWORD_EXPIRED,
  ),
  EMAIL_NOT_REGISTERED: { ...sampleViews.EMAIL_NOT_REGISTERED, ...token },
  METHOD_DECOMMISSIONED: sampleViews.METHOD_DECOMMISSIONED,
  LOCKED_OUT: sampleViews.LOCKED_OUT,
  SUCCESS: { ...sampleViews.SUCCESS, sessionToken: "s".repeat(43) },
};

describe("sign-in answers: one shape per state", () => {
  it("reads a well-formed answer of every state", () => {
    for (const state of answerStates)
      expect(authnResponseSchema.parse(answers[state])).toEqual(answers[state]);
  });

  it("keeps exactly each state's fields: what belongs to another state is dropped", () => {
    const locked = authnResponseSchema.parse({ ...answers.LOCKED_OUT, ...token, factors: ["otp"] });
    expect(Object.keys(locked).sort()).toEqual(["lockedUntil", "message", "state"]);
    const view = authViewSchema.parse({
      ...sampleViews.SUCCESS,
      sessionToken: "s".repeat(43),
      message: "hi",
    });
    expect(Object.keys(view).sort()).toEqual(["session", "state"]);
  });

  it.each([
    ["a success without a session", { state: "SUCCESS", sessionToken: "s".repeat(43) }],
    ["a success without a session token", { state: "SUCCESS", session: sampleViews.SUCCESS.session }],
    ["an OTP step without the masked address", { ...answers.OTP_REQUIRED, maskedEmail: undefined }],
    ["an OTP step without its state token", sampleViews.OTP_REQUIRED],
    ["an expired password without its message", { ...answers.PASSWORD_EXPIRED, message: undefined }],
    ["a lockout without its end", { state: "LOCKED_OUT", message: "Locked." }],
    ["no email, with a state token but no expiry", { ...answers.EMAIL_NOT_REGISTERED, expiresAt: undefined }],
    ["no email, with an expiry but no state token", sampleViews.EMAIL_NOT_REGISTERED],
    ["a state the protocol does not have", { state: "PASSWORD" }],
    ["EXPIRED, which no answer carries", { state: "EXPIRED" }],
  ])("refuses %s", (_name, answer) => {
    expect(authnResponseSchema.safeParse(answer).success).toBe(false);
  });

  it("reads the end of a sign-in without email: no state token, no expiry", () => {
    const { expiresAt: _expiry, ...ended } = sampleViews.EMAIL_NOT_REGISTERED;
    expect(authnResponseSchema.parse({ ...ended, factors: [] })).not.toHaveProperty("stateToken");
  });
});

describe("the requests each step accepts", () => {
  it("lists only states a sign-in in progress can stand at", () => {
    for (const states of Object.values(requestsFrom)) {
      for (const state of states) expect(answerStates).toContain(state);
      expect(states).not.toContain("SUCCESS");
      expect(states).not.toContain("LOCKED_OUT");
    }
  });

  it("takes the code only at the OTP step, the new password only when it expired, a factor from any choice", () => {
    expect(acceptsFrom("verifyOtp", "OTP_REQUIRED")).toBe(true);
    expect(acceptsFrom("verifyOtp", "METHOD_CHOICE")).toBe(false);
    expect(acceptsFrom("resendOtp", "SMARTCARD_REQUIRED")).toBe(false);
    expect(acceptsFrom("changePassword", "PASSWORD_EXPIRED")).toBe(true);
    expect(acceptsFrom("changePassword", "OTP_REQUIRED")).toBe(false);
    for (const state of [
      "METHOD_CHOICE",
      "OTP_REQUIRED",
      "SMARTCARD_REQUIRED",
      "EMAIL_NOT_REGISTERED",
    ] as const) {
      expect(acceptsFrom("factor", state)).toBe(true);
    }
    expect(acceptsFrom("factor", "PASSWORD_EXPIRED")).toBe(false);
    expect(acceptsFrom("factor", "EXPIRED")).toBe(false);
  });
});
