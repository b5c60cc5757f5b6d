import { AppError } from "../../../shared/errors.js";
import { type Factor } from "../../../shared/wire/authn.js";
import { type SimulatorConfig } from "../../config.js";
import { type OtpSource, otpHash, otpMatches } from "../../crypto/otp.js";
import { type Mailer } from "../../mail/mailer.js";
import { buildOtpMessage } from "../../mail/otp-message.js";
import { type LoginStore, type OtpIssue, type UserRecord } from "../../store/storage.js";
import { type AuthnAudit } from "./authn-audit.js";
import { authnMessages } from "./authn-messages.js";

export interface OtpIssuerDeps {
  config: SimulatorConfig;
  otpSource: OtpSource;
  /** Keys the stored HMAC of each code. */
  otpSecret: Buffer;
  mailer: Mailer;
  logins: LoginStore;
  audit: AuthnAudit;
  now: () => number;
  /** The computer's own time: how long a send has been under way. */
  realNow: () => number;
}

/** Stores a code just sent for a login and moves the login to OTP_REQUIRED (in the answer's transaction). */
export async function saveOtp(
  logins: LoginStore,
  login: LoginForOtp,
  otp: OtpIssue,
  countsAsResend: boolean,
): Promise<void> {
  await logins.setOtp(login.id, otp, countsAsResend);
  await logins.setState(login.id, "OTP_REQUIRED", login.factors);
}

/** A send of a code begun this long ago and not finished is taken for lost (its instance died). */
export const SEND_CLAIM_STALE_MS = 120_000;

/** A login stored already, as a new code for it needs it. */
export interface LoginForOtp {
  id: number;
  user: UserRecord;
  /** The hash of its state token: each code is bound to its login. */
  binding: Buffer;
  factors: Factor[];
}

/**
 * One-time passwords: generated, mailed, stored as an HMAC bound to their login, and checked. Nothing
 * is stored unless the mail went out.
 */
export class OtpIssuer {
  constructor(private readonly d: OtpIssuerDeps) {}

  /** Generates and mails a code for a login about to be stored; what to store with it. */
  async issue(user: UserRecord, binding: Buffer): Promise<OtpIssue> {
    if (user.email === null) throw new AppError("WRONG_STATE", authnMessages.emailNotRegistered);
    const now = this.d.now();
    const otp = this.d.otpSource.next();
    const otpExpiresAt = now + this.d.config.otpTtlMs;
    const message = buildOtpMessage({
      to: user.email,
      userId: user.userId,
      displayName: user.displayName,
      otp,
      expiresAt: new Date(otpExpiresAt),
      validMinutes: Math.round(this.d.config.otpTtlMs / 60_000),
    });
    try {
      await this.d.mailer.send(message);
    } catch {
      this.d.audit.record("authn.otp-sent", "delivery-failed", this.about(user));
      throw new AppError("OTP_DELIVERY_FAILED", authnMessages.deliveryFailed);
    }
    return { otpHash: otpHash(this.d.otpSecret, binding, otp), otpExpiresAt, otpSentAt: now };
  }

  /**
   * Sends a new code for a stored login (a factor choice, a resend, a changed password): claims the
   * send, mails the code, then hands it to `save`, which stores it with the answer's other writes in
   * one commit (see `saveOtp`). A send that fails, or a code that could not be saved, lets go of the
   * claim, so that the next try may send.
   */
  async reissue(login: LoginForOtp, save: (otp: OtpIssue) => Promise<void>): Promise<void> {
    const realNow = this.d.realNow();
    // The claim is in the database: two requests at once, on one instance or two, send one code.
    if (!(await this.d.logins.claimSend(login.id, realNow, realNow - SEND_CLAIM_STALE_MS))) {
      // Two factor choices at once, say: the first one's code is the one that counts.
      throw new AppError("WRONG_STATE", authnMessages.codeOnItsWay);
    }
    try {
      await save(await this.issue(login.user, login.binding));
    } catch (error) {
      await this.d.logins.releaseSend(login.id).catch(() => {
        // The database is away: the claim lapses after SEND_CLAIM_STALE_MS.
      });
      throw error;
    }
  }

  /** Whether a code for this login is on its way (a resend counts it as just sent). */
  isSending(sendingSince: number | null): boolean {
    return sendingSince !== null && sendingSince >= this.d.realNow() - SEND_CLAIM_STALE_MS;
  }

  /** Whether `otp` is the code stored for the login bound to `binding`. */
  matches(binding: Buffer, otp: string, stored: Buffer): boolean {
    return otpMatches(this.d.otpSecret, binding, otp, stored);
  }

  private about(user: UserRecord) {
    return { userKey: user.userKey, method: "otp" as const, client: null };
  }
}
