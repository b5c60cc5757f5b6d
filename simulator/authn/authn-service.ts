import { AppError } from "../../shared/errors.js";
import { type Phase } from "../../shared/phases.js";
import { type AuthnResponse, type AuthnState, type Factor, passwordPolicy } from "../../shared/wire/authn.js";
import { type SimClock } from "../clock.js";
import { type SimulatorConfig } from "../config.js";
import { type OtpSource, otpHash, otpMatches } from "../crypto/otp.js";
import { type PasswordHasher } from "../crypto/password-hasher.js";
import { newToken, tokenHash } from "../crypto/tokens.js";
import { type Mailer } from "../mail/mailer.js";
import { buildOtpMessage, formatHkt } from "../mail/otp-message.js";
import { type PhaseService } from "../phase.js";
import { type AuditLog } from "../store/audit.js";
import { type LockoutStore } from "../store/lockouts.js";
import { type LoginRecord, type LoginStore, type OtpIssue } from "../store/logins.js";
import { normalizeUserId, type UserRecord, type UserStore } from "../store/users.js";
import { maskEmail } from "./mask-email.js";
import { passwordPolicyProblems, problemOf } from "./password-policy.js";
import { type SessionService } from "./sessions.js";

export interface AuthnDeps {
  config: SimulatorConfig;
  clock: SimClock;
  phases: PhaseService;
  users: UserStore;
  lockouts: LockoutStore;
  logins: LoginStore;
  sessions: SessionService;
  hasher: PasswordHasher;
  mailer: Mailer;
  otpSource: OtpSource;
  otpSecret: Buffer;
  audit: AuditLog;
}

/** Who is asking: recorded in the audit log. */
export interface ClientInfo {
  clientAddress: string;
}

/** A live login step, as the smartcard factor sees it. */
export interface PendingLogin {
  loginId: number;
  /** Stable per login: bind a smartcard nonce to it. */
  tokenHash: Buffer;
  user: UserRecord;
  state: AuthnState;
  phase: Phase;
}

interface Live {
  login: LoginRecord;
  user: UserRecord;
  hash: Buffer;
  token: string;
}

const messages = {
  invalidCredentials: "The user ID or password is incorrect.",
  emailNotRegistered:
    "No email address is registered for this user ID, so a one-time password cannot be sent. Ask your participant's Delegated Administrator (DA) to register your email address.",
  smartcardMeanwhile: " Meanwhile you can sign in with your smartcard.",
  passwordExpired: `Your password has expired. Choose a new one: ${passwordPolicy.text}`,
};

/**
 * The 2FA login state machine (domain.md): PASSWORD → OTP_REQUIRED | METHOD_CHOICE |
 * SMARTCARD_REQUIRED | PASSWORD_EXPIRED → SUCCESS, with terminal LOCKED_OUT,
 * EMAIL_NOT_REGISTERED, METHOD_DECOMMISSIONED and EXPIRED.
 */
export class AuthnService {
  private beginsSincePrune = 0;
  /** Logins whose OTP is on its way: the checks before a send see the last one only once it is stored. */
  private readonly sending = new Set<number>();

  constructor(private readonly d: AuthnDeps) {}

  private now(): number {
    return this.d.clock.nowMs();
  }

  async begin(userId: string, password: string, client: ClientInfo): Promise<AuthnResponse> {
    if (++this.beginsSincePrune >= 1000) {
      this.beginsSincePrune = 0;
      this.d.logins.prune(this.now() - this.d.config.stateTokenTtlMs);
    }
    const userKey = normalizeUserId(userId);
    const user = this.d.users.find(userKey);
    // Hash first, whatever the outcome, so timing says nothing about existence or lock.
    const passwordOk = user
      ? await this.d.hasher.verify(user.passwordHash, password)
      : await this.d.hasher.verifyDummy(password);
    const now = this.now();
    const audit = { userId: userKey, method: "password", clientAddress: client.clientAddress };
    const lockedUntil = this.d.lockouts.lockedUntil(userKey, now);
    if (lockedUntil !== null) {
      this.d.audit.record({ ...audit, event: "authn.password", outcome: "locked-out" });
      return lockedOut(lockedUntil);
    }
    if (!user || !passwordOk) {
      const { lockoutWindowMs, lockoutThreshold, lockoutDurationMs } = this.d.config;
      const until = this.d.lockouts.recordFailure(
        userKey,
        now,
        lockoutWindowMs,
        lockoutThreshold,
        lockoutDurationMs,
      );
      this.d.audit.record({
        ...audit,
        event: "authn.password",
        outcome: until === null ? "failure" : "failure-locked",
      });
      if (until !== null) return lockedOut(until);
      throw new AppError("INVALID_CREDENTIALS", messages.invalidCredentials);
    }
    this.d.lockouts.clearFailuresOf(userKey);
    this.d.audit.record({ ...audit, event: "authn.password", outcome: "success" });

    if (this.passwordExpired(user, now)) {
      const token = newToken();
      const hash = tokenHash(token);
      const expiresAt = now + this.d.config.stateTokenTtlMs;
      this.d.logins.create({
        tokenHash: hash,
        userKey,
        state: "PASSWORD_EXPIRED",
        factors: [],
        createdAt: now,
        expiresAt,
      });
      this.d.audit.record({ ...audit, event: "authn.password-expired", outcome: "change-required" });
      return {
        state: "PASSWORD_EXPIRED",
        stateToken: token,
        expiresAt: iso(expiresAt),
        userId: user.userId,
        phase: this.d.phases.current(),
        message: messages.passwordExpired,
      };
    }
    return this.nextStep(user, null, client);
  }

  async verifyOtp(stateToken: string, otp: string, client: ClientInfo): Promise<AuthnResponse> {
    const live = this.live(stateToken);
    const { login, user } = live;
    const audit = {
      userId: user.userKey,
      method: "otp",
      clientAddress: client.clientAddress,
      event: "authn.otp",
    };
    requireState(login, ["OTP_REQUIRED"]);
    const now = this.now();
    if (login.otpVoid || login.otpHash === null) {
      this.d.audit.record({ ...audit, outcome: "refused-void" });
      throw new AppError(
        "TOO_MANY_ATTEMPTS",
        "Too many wrong codes: this code no longer works. Request a new one.",
      );
    }
    if (login.otpExpiresAt === null || now >= login.otpExpiresAt) {
      this.d.audit.record({ ...audit, outcome: "expired" });
      throw new AppError("OTP_EXPIRED", "This one-time password has expired. Request a new one.");
    }
    if (!otpMatches(this.d.otpSecret, live.hash, otp, login.otpHash)) {
      const attempts = login.otpAttempts + 1;
      const remaining = Math.max(0, this.d.config.otpMaxAttempts - attempts);
      this.d.logins.recordWrongOtp(login.id, remaining === 0);
      this.d.audit.record({ ...audit, outcome: remaining === 0 ? "failure-void" : "failure" });
      if (remaining === 0) {
        throw new AppError(
          "TOO_MANY_ATTEMPTS",
          "Too many wrong codes: this code no longer works. Request a new one.",
          {
            attemptsRemaining: 0,
          },
        );
      }
      throw new AppError("INVALID_OTP", "The one-time password is incorrect.", {
        attemptsRemaining: remaining,
      });
    }
    return this.succeed(live, "otp", client);
  }

  async resendOtp(stateToken: string, client: ClientInfo): Promise<AuthnResponse> {
    const live = this.live(stateToken);
    const { login, user } = live;
    requireState(login, ["OTP_REQUIRED"]);
    const audit = {
      userId: user.userKey,
      method: "otp",
      clientAddress: client.clientAddress,
      event: "authn.otp-resend",
    };
    if (login.resendsUsed >= this.d.config.otpMaxResends) {
      this.d.audit.record({ ...audit, outcome: "refused-limit" });
      throw new AppError("RESEND_LIMIT", "No more codes can be sent for this sign-in. Start again.");
    }
    // A code still on its way counts as just sent.
    const sentAt = this.sending.has(login.id) ? this.now() : (login.otpSentAt ?? 0);
    const retryAt = sentAt + this.d.config.otpResendCooldownMs;
    if (this.now() < retryAt) {
      this.d.audit.record({ ...audit, outcome: "refused-cooldown" });
      throw new AppError("RESEND_COOLDOWN", "Please wait before asking for another code.", {
        retryAt: iso(retryAt),
      });
    }
    await this.sendOtpTo(live, true);
    this.d.audit.record({ ...audit, outcome: "sent" });
    return this.describe(this.live(stateToken));
  }

  async chooseFactor(stateToken: string, factor: Factor, client: ClientInfo): Promise<AuthnResponse> {
    const live = this.live(stateToken);
    const { login, user } = live;
    requireState(login, ["METHOD_CHOICE", "OTP_REQUIRED", "SMARTCARD_REQUIRED", "EMAIL_NOT_REGISTERED"]);
    const phase = this.d.phases.current();
    const audit = {
      userId: user.userKey,
      method: factor,
      clientAddress: client.clientAddress,
      event: "authn.factor",
    };
    if (factor === "smartcard" && phase === "2fa-only") {
      this.d.logins.finish(login.id, "METHOD_DECOMMISSIONED");
      this.d.audit.record({ ...audit, outcome: "decommissioned" });
      return {
        state: "METHOD_DECOMMISSIONED",
        userId: user.userId,
        phase,
        message: `Smartcard sign-in was decommissioned on ${formatHkt(new Date(this.d.phases.decommissionAtMs))}. Sign in with your password and a one-time password.`,
      };
    }
    const factors = this.allowedFactors(user, phase);
    if (!factors.includes(factor)) {
      this.d.audit.record({ ...audit, outcome: "refused-not-allowed" });
      throw new AppError("METHOD_NOT_ALLOWED_FOR_USER", notAllowedMessage(factor, phase));
    }
    if (factor === "smartcard") {
      this.d.logins.setState(login.id, "SMARTCARD_REQUIRED", factors);
    } else {
      const otpLive = login.otpHash !== null && !login.otpVoid && (login.otpExpiresAt ?? 0) > this.now();
      if (otpLive) this.d.logins.setState(login.id, "OTP_REQUIRED", factors);
      else await this.sendOtpTo({ ...live, login: { ...login, factors } }, false);
    }
    this.d.audit.record({ ...audit, outcome: "chosen" });
    return this.describe(this.live(stateToken));
  }

  async changePassword(stateToken: string, newPassword: string, client: ClientInfo): Promise<AuthnResponse> {
    const live = this.live(stateToken);
    const { login, user } = live;
    requireState(login, ["PASSWORD_EXPIRED"]);
    const audit = {
      userId: user.userKey,
      method: "password",
      clientAddress: client.clientAddress,
      event: "authn.password-change",
    };
    const problems = passwordPolicyProblems(user.userId, newPassword);
    for (const old of this.d.users.passwordHistory(user.userKey, passwordPolicy.historySize)) {
      if (await this.d.hasher.verify(old, newPassword)) {
        problems.push(problemOf("notRecent"));
        break;
      }
    }
    if (problems.length > 0) {
      this.d.audit.record({ ...audit, outcome: "refused-policy" });
      throw new AppError(
        "PASSWORD_POLICY",
        `The new password does not meet the policy: ${problems.map((p) => p.problem).join("; ")}.`,
        {
          problems: problems.map((p) => p.problem),
          rules: problems.map((p) => p.rule),
          policy: passwordPolicy.text,
        },
      );
    }
    const hash = await this.d.hasher.hash(newPassword);
    const current = this.live(stateToken);
    requireState(current.login, ["PASSWORD_EXPIRED"]);
    this.d.users.changePassword(user.userKey, hash, this.now());
    this.d.audit.record({ ...audit, outcome: "changed" });
    return this.nextStep({ ...user, passwordHash: hash, passwordExpired: false }, current, client);
  }

  cancel(stateToken: string, client: ClientInfo): void {
    const hash = tokenHash(stateToken);
    const login = this.d.logins.find(hash);
    if (login === undefined) {
      throw new AppError("INVALID_STATE_TOKEN", "This sign-in step is not known. Start again.");
    }
    if (!login.finished) this.d.logins.finish(login.id, "EXPIRED");
    this.d.audit.record({
      userId: login.userKey,
      event: "authn.cancel",
      method: "password",
      outcome: "cancelled",
      clientAddress: client.clientAddress,
    });
  }

  // --- the seam the smartcard factor builds on ---

  /** Checks a state token for the smartcard factor and moves the login to SMARTCARD_REQUIRED. */
  beginSmartcard(stateToken: string): PendingLogin {
    const live = this.live(stateToken);
    const { login, user } = live;
    requireState(login, ["METHOD_CHOICE", "OTP_REQUIRED", "SMARTCARD_REQUIRED", "EMAIL_NOT_REGISTERED"]);
    const phase = this.d.phases.current();
    if (phase === "2fa-only") {
      throw new AppError("METHOD_DECOMMISSIONED", "Smartcard sign-in has been decommissioned. Use 2FA.");
    }
    const factors = this.allowedFactors(user, phase);
    if (!factors.includes("smartcard")) {
      throw new AppError("METHOD_NOT_ALLOWED_FOR_USER", notAllowedMessage("smartcard", phase));
    }
    if (login.state !== "SMARTCARD_REQUIRED") this.d.logins.setState(login.id, "SMARTCARD_REQUIRED", factors);
    return { loginId: login.id, tokenHash: live.hash, user, state: "SMARTCARD_REQUIRED", phase };
  }

  /** Ends a login whose smartcard factor the caller has verified: SUCCESS with a session. */
  completeWithFactor(stateToken: string, factor: Factor, client: ClientInfo): AuthnResponse {
    const live = this.live(stateToken);
    requireState(live.login, [factor === "smartcard" ? "SMARTCARD_REQUIRED" : "OTP_REQUIRED"]);
    return this.succeed(live, factor, client);
  }

  /** The factors this user may use in this phase. */
  allowedFactors(user: UserRecord, phase: Phase): Factor[] {
    const cardOk =
      user.hasSmartcard &&
      (phase === "smartcard-only" ||
        (phase === "parallel-run" && this.d.phases.createdBeforeLaunch(user.createdAt)));
    if (phase === "smartcard-only") return cardOk ? ["smartcard"] : [];
    const factors: Factor[] = user.email === null ? [] : ["otp"];
    if (cardOk) factors.push("smartcard");
    return factors;
  }

  // --- internals ---

  private passwordExpired(user: UserRecord, now: number): boolean {
    const maxAge = this.d.config.passwordMaxAgeMs;
    return user.passwordExpired || (maxAge > 0 && now - user.passwordChangedAt > maxAge);
  }

  /** After the password (or its change): the step the phase and the user call for. */
  private async nextStep(
    user: UserRecord,
    existing: Live | null,
    client: ClientInfo,
  ): Promise<AuthnResponse> {
    const phase = this.d.phases.current();
    const factors = this.allowedFactors(user, phase);
    const audit = { userId: user.userKey, method: "password", clientAddress: client.clientAddress };

    if (phase === "smartcard-only" && !factors.includes("smartcard")) {
      if (existing) this.d.logins.finish(existing.login.id, "EXPIRED");
      this.d.audit.record({ ...audit, event: "authn.step", outcome: "refused-no-smartcard" });
      throw new AppError("METHOD_NOT_ALLOWED_FOR_USER", notAllowedMessage("smartcard", phase));
    }
    if (user.email === null && phase !== "smartcard-only") {
      this.d.audit.record({ ...audit, event: "authn.step", outcome: "email-not-registered" });
      if (!factors.includes("smartcard")) {
        if (existing) this.d.logins.finish(existing.login.id, "EMAIL_NOT_REGISTERED");
        return {
          state: "EMAIL_NOT_REGISTERED",
          userId: user.userId,
          phase,
          factors: [],
          message: messages.emailNotRegistered,
        };
      }
      const live = this.stepTo(user, existing, "EMAIL_NOT_REGISTERED", factors);
      return { ...this.describe(live), message: messages.emailNotRegistered + messages.smartcardMeanwhile };
    }
    if (phase === "smartcard-only") {
      return this.describe(this.stepTo(user, existing, "SMARTCARD_REQUIRED", factors));
    }
    if (factors.includes("smartcard")) {
      return this.describe(this.stepTo(user, existing, "METHOD_CHOICE", factors));
    }
    if (existing) {
      const live = { ...existing, login: { ...existing.login, factors } };
      await this.sendOtpTo(live, false);
      return this.describe(this.live(existing.token));
    }
    // A fresh login whose OTP goes out at once: stored only once the mail is sent.
    const token = newToken();
    const hash = tokenHash(token);
    const now = this.now();
    const otp = await this.deliverOtp(user, hash, now);
    const login = this.d.logins.create({
      tokenHash: hash,
      userKey: user.userKey,
      state: "OTP_REQUIRED",
      factors,
      createdAt: now,
      expiresAt: now + this.d.config.stateTokenTtlMs,
      otp,
    });
    this.d.audit.record({ ...audit, event: "authn.otp-sent", method: "otp", outcome: "sent" });
    // The login just stored, and the user its OTP went to: no need to read them back.
    return this.describe(this.unexpired({ login, user, hash, token }));
  }

  private stepTo(user: UserRecord, existing: Live | null, state: AuthnState, factors: Factor[]): Live {
    if (existing) {
      this.d.logins.setState(existing.login.id, state, factors);
      return this.live(existing.token);
    }
    const token = newToken();
    const now = this.now();
    this.d.logins.create({
      tokenHash: tokenHash(token),
      userKey: user.userKey,
      state,
      factors,
      createdAt: now,
      expiresAt: now + this.d.config.stateTokenTtlMs,
    });
    return this.live(token);
  }

  private async sendOtpTo(live: Live, countsAsResend: boolean): Promise<void> {
    const loginId = live.login.id;
    if (this.sending.has(loginId)) {
      // Two factor choices at once, say: the first one's code is the one that counts.
      throw new AppError("WRONG_STATE", "A code is on its way already. Wait for it before asking again.");
    }
    this.sending.add(loginId);
    try {
      const otp = await this.deliverOtp(live.user, live.hash, this.now());
      this.d.logins.setOtp(loginId, otp, countsAsResend);
    } finally {
      this.sending.delete(loginId);
    }
    this.d.logins.setState(loginId, "OTP_REQUIRED", live.login.factors);
    if (!countsAsResend) {
      this.d.audit.record({
        userId: live.user.userKey,
        event: "authn.otp-sent",
        method: "otp",
        outcome: "sent",
        clientAddress: null,
      });
    }
  }

  /** Generates and mails an OTP; nothing is stored unless the mail went out. */
  private async deliverOtp(user: UserRecord, binding: Buffer, now: number): Promise<OtpIssue> {
    if (user.email === null) throw new AppError("WRONG_STATE", messages.emailNotRegistered);
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
      this.d.audit.record({
        userId: user.userKey,
        event: "authn.otp-sent",
        method: "otp",
        outcome: "delivery-failed",
        clientAddress: null,
      });
      throw new AppError(
        "OTP_DELIVERY_FAILED",
        "The one-time password could not be sent by email just now. Try again in a moment.",
      );
    }
    return { otpHash: otpHash(this.d.otpSecret, binding, otp), otpExpiresAt, otpSentAt: now };
  }

  private succeed(live: Live, factor: Factor, client: ClientInfo): AuthnResponse {
    this.d.logins.finish(live.login.id, "SUCCESS");
    const { sessionToken, session } = this.d.sessions.issue(live.user, factor);
    this.d.audit.record({
      userId: live.user.userKey,
      event: "authn.success",
      method: factor,
      outcome: "success",
      clientAddress: client.clientAddress,
    });
    return { state: "SUCCESS", sessionToken, session };
  }

  private live(stateToken: string): Live {
    const hash = tokenHash(stateToken);
    const login = this.d.logins.find(hash);
    const user = login === undefined ? undefined : this.d.users.find(login.userKey);
    if (login === undefined || user === undefined || login.finished) {
      throw new AppError(
        "INVALID_STATE_TOKEN",
        "This sign-in step is not known or already finished. Start again.",
      );
    }
    return this.unexpired({ login, user, hash, token: stateToken });
  }

  private unexpired(live: Live): Live {
    if (this.now() >= live.login.expiresAt) {
      throw new AppError("EXPIRED", "This sign-in step has expired. Start again.");
    }
    return live;
  }

  private describe(live: Live): AuthnResponse {
    const { login, user } = live;
    const response: AuthnResponse = {
      state: login.state,
      stateToken: live.token,
      expiresAt: iso(login.expiresAt),
      userId: user.userId,
      factors: login.factors,
      phase: this.d.phases.current(),
    };
    if (user.email !== null && login.state === "OTP_REQUIRED") {
      response.maskedEmail = maskEmail(user.email);
      if (login.otpExpiresAt !== null) response.otpExpiresAt = iso(login.otpExpiresAt);
      response.resendAvailableAt = iso(
        (login.otpSentAt ?? login.createdAt) + this.d.config.otpResendCooldownMs,
      );
      response.resendsRemaining = Math.max(0, this.d.config.otpMaxResends - login.resendsUsed);
      response.attemptsRemaining = login.otpVoid
        ? 0
        : Math.max(0, this.d.config.otpMaxAttempts - login.otpAttempts);
    }
    return response;
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function lockedOut(until: number): AuthnResponse {
  return {
    state: "LOCKED_OUT",
    lockedUntil: iso(until),
    message: `Too many wrong passwords: sign-in is locked until ${formatHkt(new Date(until))}. Try again then, or ask your Delegated Administrator to unlock the account.`,
  };
}

function requireState(login: LoginRecord, allowed: readonly AuthnState[]): void {
  if (!allowed.includes(login.state)) {
    throw new AppError(
      "WRONG_STATE",
      `This sign-in is at step ${login.state}; that request does not fit it.`,
      {
        state: login.state,
      },
    );
  }
}

function notAllowedMessage(factor: Factor, phase: Phase): string {
  if (factor === "otp") return "Two-factor sign-in is not available for this user ID now.";
  if (phase === "smartcard-only") {
    return "Before the launch of 2FA, CCMS sign-in needs a smartcard, and none is issued to this user ID.";
  }
  return "Smartcard sign-in is not available for this user ID: users created on or after the launch of 2FA, and users without a card, sign in with 2FA only.";
}
