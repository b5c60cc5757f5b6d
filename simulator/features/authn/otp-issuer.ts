import { AppError } from "../../../shared/errors.js";
import { type Factor } from "../../../shared/wire/authn.js";
import { type SimulatorConfig } from "../../config.js";
import { type OtpSource, otpHash, otpMatches } from "../../crypto/otp.js";
import { type Mailer } from "../../mail/mailer.js";
import { buildOtpMessage } from "../../mail/otp-message.js";
import { type LoginStore, type OtpIssue } from "../../store/logins.js";
import { type UserRecord } from "../../store/users.js";
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
}

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
  /** Logins whose code is on its way: the checks before a send see the last one only once it is stored. */
  private readonly sending = new Set<number>();

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

  /** Sends a new code for a stored login (a factor choice, a resend) and moves it to OTP_REQUIRED. */
  async reissue(login: LoginForOtp, countsAsResend: boolean): Promise<void> {
    if (this.sending.has(login.id)) {
      // Two factor choices at once, say: the first one's code is the one that counts.
      throw new AppError("WRONG_STATE", authnMessages.codeOnItsWay);
    }
    this.sending.add(login.id);
    try {
      const otp = await this.issue(login.user, login.binding);
      this.d.logins.setOtp(login.id, otp, countsAsResend);
    } finally {
      this.sending.delete(login.id);
    }
    this.d.logins.setState(login.id, "OTP_REQUIRED", login.factors);
    if (!countsAsResend) this.d.audit.record("authn.otp-sent", "sent", this.about(login.user));
  }

  /** Whether a code for this login is on its way (a resend counts it as just sent). */
  isSending(loginId: number): boolean {
    return this.sending.has(loginId);
  }

  /** Whether `otp` is the code stored for the login bound to `binding`. */
  matches(binding: Buffer, otp: string, stored: Buffer): boolean {
    return otpMatches(this.d.otpSecret, binding, otp, stored);
  }

  private about(user: UserRecord) {
    return { userKey: user.userKey, method: "otp" as const, client: null };
  }
}
