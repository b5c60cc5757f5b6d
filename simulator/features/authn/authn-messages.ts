import { type Phase } from "../../../shared/phases.js";
import { type AuthnState } from "../../../shared/wire/authn-states.js";
import { type Factor, passwordPolicy } from "../../../shared/wire/authn.js";
import { formatHkt } from "../../mail/otp-message.js";

const emailNotRegistered =
  "No email address is registered for this user ID, so a one-time password cannot be sent. Ask your participant's Delegated Administrator (DA) to register your email address.";

/** What the sign-in tells a person, in words they can act on. */
export const authnMessages = {
  invalidCredentials: "The user ID or password is incorrect.",
  emailNotRegistered,
  emailNotRegisteredCardHolder: `${emailNotRegistered} Meanwhile you can sign in with your smartcard.`,
  passwordExpired: `Your password has expired. Choose a new one: ${passwordPolicy.text}`,
  tooManyWrongCodes: "Too many wrong codes: this code no longer works. Request a new one.",
  otpExpired: "This one-time password has expired. Request a new one.",
  wrongOtp: "The one-time password is incorrect.",
  resendLimit: "No more codes can be sent for this sign-in. Start again.",
  resendCooldown: "Please wait before asking for another code.",
  codeOnItsWay: "A code is on its way already. Wait for it before asking again.",
  deliveryFailed: "The one-time password could not be sent by email just now. Try again in a moment.",
  smartcardDecommissioned: "Smartcard sign-in has been decommissioned. Use 2FA.",
  unknownStep: "This sign-in step is not known. Start again.",
  unknownOrFinishedStep: "This sign-in step is not known or already finished. Start again.",
  stepExpired: "This sign-in step has expired. Start again.",
} as const;

export function lockedOutMessage(until: Date): string {
  return `Too many wrong passwords: sign-in is locked until ${formatHkt(until)}. Try again then, or ask your Delegated Administrator to unlock the account.`;
}

export function decommissionedMessage(decommissionedAt: Date): string {
  return `Smartcard sign-in was decommissioned on ${formatHkt(decommissionedAt)}. Sign in with your password and a one-time password.`;
}

export function notAllowedMessage(factor: Factor, phase: Phase): string {
  if (factor === "otp") return "Two-factor sign-in is not available for this user ID now.";
  if (phase === "smartcard-only") {
    return "Before the launch of 2FA, CCMS sign-in needs a smartcard, and none is issued to this user ID.";
  }
  return "Smartcard sign-in is not available for this user ID: users created on or after the launch of 2FA, and users without a card, sign in with 2FA only.";
}

export function wrongStateMessage(state: AuthnState): string {
  return `This sign-in is at step ${state}; that request does not fit it.`;
}

export function policyRefusalMessage(problems: readonly string[]): string {
  return `The new password does not meet the policy: ${problems.join("; ")}.`;
}
