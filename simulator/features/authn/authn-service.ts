import { assertNever } from "../../../shared/assert-never.js";
import { AppError } from "../../../shared/errors.js";
import { type Phase } from "../../../shared/phases.js";
import { type AuthnState } from "../../../shared/wire/authn-states.js";
import {
  type AuthnAnswer,
  type AuthnResponse,
  type Factor,
  passwordPolicy,
} from "../../../shared/wire/authn.js";
import { type SimClock } from "../../clock.js";
import { type SimulatorConfig } from "../../config.js";
import { type PasswordHasher } from "../../crypto/password-hasher.js";
import { tokenHash } from "../../crypto/tokens.js";
import { type PhaseService } from "../../phase.js";
import { normalizeUserId } from "../../../shared/user-id.js";
import { type LockoutStore, type LoginStore, type UserRecord, type UserStore } from "../../store/storage.js";
import { type SessionService } from "../session/session-service.js";
import { type AuthnAudit, type AuthnMethod, type ClientInfo } from "./authn-audit.js";
import {
  authnMessages,
  decommissionedMessage,
  lockedOutMessage,
  notAllowedMessage,
  policyRefusalMessage,
} from "./authn-messages.js";
import { allowedFactors, type FactorFacts, stepAfterPassword, verdictOn } from "./factor-policy.js";
import { iso, type LiveLogin, LoginSteps, wrongState } from "./login-steps.js";
import { type OtpIssuer } from "./otp-issuer.js";
import { passwordPolicyProblems, problemOf } from "./password-policy.js";

export interface AuthnDeps {
  config: SimulatorConfig;
  clock: SimClock;
  phases: PhaseService;
  users: UserStore;
  lockouts: LockoutStore;
  logins: LoginStore;
  sessions: SessionService;
  hasher: PasswordHasher;
  otp: OtpIssuer;
  audit: AuthnAudit;
}

/** A live login step, as the smartcard factor sees it. */
export interface PendingLogin {
  loginId: number;
  /** Stable per login: bind a smartcard nonce to it. */
  tokenHash: Buffer;
  user: UserRecord;
}

/**
 * The 2FA login state machine: the password first, then the step the phase and the user call for
 * (`factor-policy.ts`), then SUCCESS with a session; the requests each step accepts are the protocol's
 * (`shared/wire/authn-states.ts`).
 */
export class AuthnService {
  private beginsSincePrune = 0;
  private readonly steps: LoginSteps;

  constructor(private readonly d: AuthnDeps) {
    this.steps = new LoginSteps({ ...d, now: () => d.clock.nowMs() });
  }

  private now(): number {
    return this.d.clock.nowMs();
  }

  async begin(userId: string, password: string, client: ClientInfo): Promise<AuthnResponse> {
    if (++this.beginsSincePrune >= 1000) {
      this.beginsSincePrune = 0;
      await this.d.logins.prune(this.now() - this.d.config.stateTokenTtlMs);
    }
    const userKey = normalizeUserId(userId);
    const user = await this.d.users.find(userKey);
    // Hash first, whatever the outcome, so timing says nothing about existence or lock.
    const passwordOk = user
      ? await this.d.hasher.verify(user.passwordHash, password)
      : await this.d.hasher.verifyDummy(password);
    const now = this.now();
    const about = { userKey, method: "password", client } as const;
    if (!user || !passwordOk) {
      const { lockoutWindowMs, lockoutThreshold, lockoutDurationMs } = this.d.config;
      // One atomic step: a lock in force (set by any instance) is met, else the failure counts.
      const outcome = await this.d.lockouts.recordFailure(userKey, now, {
        windowMs: lockoutWindowMs,
        threshold: lockoutThreshold,
        lockMs: lockoutDurationMs,
      });
      switch (outcome.kind) {
        case "already-locked":
          this.d.audit.record("authn.password", "locked-out", about);
          return lockedOut(outcome.until);
        case "locked":
          this.d.audit.record("authn.password", "failure-locked", about);
          return lockedOut(outcome.until);
        case "counted":
          this.d.audit.record("authn.password", "failure", about);
          throw new AppError("INVALID_CREDENTIALS", authnMessages.invalidCredentials);
        default:
          return assertNever(outcome);
      }
    }
    const lockedUntil = await this.d.lockouts.admit(userKey, now);
    if (lockedUntil !== null) {
      this.d.audit.record("authn.password", "locked-out", about);
      return lockedOut(lockedUntil);
    }
    this.d.audit.record("authn.password", "success", about);

    if (this.passwordExpired(user, now)) {
      const live = await this.steps.open(user, "PASSWORD_EXPIRED", []);
      this.d.audit.record("authn.password-expired", "change-required", about);
      return this.steps.answer(live);
    }
    return this.nextStep(user, null, client);
  }

  async verifyOtp(stateToken: string, otp: string, client: ClientInfo): Promise<AuthnResponse> {
    const live = await this.steps.live(stateToken, "verifyOtp");
    const { login, user } = live;
    const about = this.about(user, "otp", client);
    if (login.otpVoid || login.otpHash === null) {
      this.d.audit.record("authn.otp", "refused-void", about);
      throw new AppError("TOO_MANY_ATTEMPTS", authnMessages.tooManyWrongCodes);
    }
    if (login.otpExpiresAt === null || this.now() >= login.otpExpiresAt) {
      this.d.audit.record("authn.otp", "expired", about);
      throw new AppError("OTP_EXPIRED", authnMessages.otpExpired);
    }
    if (!this.d.otp.matches(live.hash, otp, login.otpHash)) {
      const { otpMaxAttempts } = this.d.config;
      // Counted in the database, so wrong codes sent to several instances at once all count.
      const counted = await this.d.logins.recordWrongOtp(login.id, login.otpHash, otpMaxAttempts);
      if (counted === null) {
        // Meanwhile the login ended, or its code was voided or replaced: answer as it stands now.
        const now = await this.steps.live(stateToken, "verifyOtp");
        if (now.login.otpVoid) throw new AppError("TOO_MANY_ATTEMPTS", authnMessages.tooManyWrongCodes);
        const left = Math.max(0, otpMaxAttempts - now.login.otpAttempts);
        throw new AppError("INVALID_OTP", authnMessages.wrongOtp, { attemptsRemaining: left });
      }
      const remaining = Math.max(0, otpMaxAttempts - counted.attempts);
      this.d.audit.record("authn.otp", counted.void ? "failure-void" : "failure", about);
      if (counted.void) {
        throw new AppError("TOO_MANY_ATTEMPTS", authnMessages.tooManyWrongCodes, { attemptsRemaining: 0 });
      }
      throw new AppError("INVALID_OTP", authnMessages.wrongOtp, { attemptsRemaining: remaining });
    }
    return this.succeed(live, "otp", client, login.otpHash);
  }

  async resendOtp(stateToken: string, client: ClientInfo): Promise<AuthnResponse> {
    const live = await this.steps.live(stateToken, "resendOtp");
    const { login, user } = live;
    const about = this.about(user, "otp", client);
    if (login.resendsUsed >= this.d.config.otpMaxResends) {
      this.d.audit.record("authn.otp-resend", "refused-limit", about);
      throw new AppError("RESEND_LIMIT", authnMessages.resendLimit);
    }
    const refuseCooldown = (sentAt: number): never => {
      const retryAt = sentAt + this.d.config.otpResendCooldownMs;
      this.d.audit.record("authn.otp-resend", "refused-cooldown", about);
      throw new AppError("RESEND_COOLDOWN", authnMessages.resendCooldown, { retryAt: iso(retryAt) });
    };
    // A code still on its way (from this instance or another) counts as just sent.
    const sentAt = this.d.otp.isSending(login.otpSendingSince) ? this.now() : (login.otpSentAt ?? 0);
    if (this.now() < sentAt + this.d.config.otpResendCooldownMs) refuseCooldown(sentAt);
    try {
      await this.d.otp.reissue(otpTarget(live), true);
    } catch (error) {
      // Another resend of this login won the claim a moment ago: its code is on its way.
      if (error instanceof AppError && error.code === "WRONG_STATE") refuseCooldown(this.now());
      throw error;
    }
    this.d.audit.record("authn.otp-resend", "sent", about);
    return this.steps.answer(await this.steps.live(stateToken));
  }

  async chooseFactor(stateToken: string, factor: Factor, client: ClientInfo): Promise<AuthnResponse> {
    const live = await this.steps.live(stateToken, "factor");
    const { login, user } = live;
    const phase = this.d.phases.current();
    const about = this.about(user, factor, client);
    const facts = this.factsOf(user, phase);
    switch (verdictOn(factor, facts)) {
      case "decommissioned":
        await this.d.logins.finish(login.id, "METHOD_DECOMMISSIONED");
        this.d.audit.record("authn.factor", "decommissioned", about);
        return {
          state: "METHOD_DECOMMISSIONED",
          userId: user.userId,
          phase,
          message: decommissionedMessage(new Date(this.d.phases.decommissionAtMs)),
        };
      case "not-allowed":
        this.d.audit.record("authn.factor", "refused-not-allowed", about);
        throw new AppError("METHOD_NOT_ALLOWED_FOR_USER", notAllowedMessage(factor, phase));
      case "allowed":
        break;
    }
    const factors = allowedFactors(facts);
    if (factor === "smartcard") {
      await this.d.logins.setState(login.id, "SMARTCARD_REQUIRED", factors);
    } else {
      const otpLive = login.otpHash !== null && !login.otpVoid && (login.otpExpiresAt ?? 0) > this.now();
      if (otpLive) await this.d.logins.setState(login.id, "OTP_REQUIRED", factors);
      else await this.d.otp.reissue({ ...otpTarget(live), factors }, false);
    }
    this.d.audit.record("authn.factor", "chosen", about);
    return this.steps.answer(await this.steps.live(stateToken));
  }

  async changePassword(stateToken: string, newPassword: string, client: ClientInfo): Promise<AuthnResponse> {
    const { user } = await this.steps.live(stateToken, "changePassword");
    const about = this.about(user, "password", client);
    const problems = passwordPolicyProblems(user.userId, newPassword);
    for (const old of await this.d.users.passwordHistory(user.userKey, passwordPolicy.historySize)) {
      if (await this.d.hasher.verify(old, newPassword)) {
        problems.push(problemOf("notRecent"));
        break;
      }
    }
    if (problems.length > 0) {
      this.d.audit.record("authn.password-change", "refused-policy", about);
      throw new AppError("PASSWORD_POLICY", policyRefusalMessage(problems.map((p) => p.problem)), {
        problems: problems.map((p) => p.problem),
        rules: problems.map((p) => p.rule),
        policy: passwordPolicy.text,
      });
    }
    const hash = await this.d.hasher.hash(newPassword);
    // Hashing took a while: the step must still be there, and still at PASSWORD_EXPIRED.
    const current = await this.steps.live(stateToken, "changePassword");
    await this.d.users.changePassword(user.userKey, hash, this.now());
    this.d.audit.record("authn.password-change", "changed", about);
    return this.nextStep({ ...user, passwordHash: hash, passwordExpired: false }, current, client);
  }

  async cancel(stateToken: string, client: ClientInfo): Promise<void> {
    const login = await this.d.logins.find(tokenHash(stateToken));
    if (login === undefined) throw new AppError("INVALID_STATE_TOKEN", authnMessages.unknownStep);
    if (!login.finished) await this.d.logins.finish(login.id, "EXPIRED");
    this.d.audit.record("authn.cancel", "cancelled", { userKey: login.userKey, method: "password", client });
  }

  // --- the seam the smartcard factor builds on ---

  /** Checks a state token for the smartcard factor and moves the login to SMARTCARD_REQUIRED. */
  async beginSmartcard(stateToken: string): Promise<PendingLogin> {
    const live = await this.steps.live(stateToken, "factor");
    const { login, user } = live;
    const phase = this.d.phases.current();
    const facts = this.factsOf(user, phase);
    switch (verdictOn("smartcard", facts)) {
      case "decommissioned":
        throw new AppError("METHOD_DECOMMISSIONED", authnMessages.smartcardDecommissioned);
      case "not-allowed":
        throw new AppError("METHOD_NOT_ALLOWED_FOR_USER", notAllowedMessage("smartcard", phase));
      case "allowed":
        break;
    }
    if (login.state !== "SMARTCARD_REQUIRED") {
      await this.d.logins.setState(login.id, "SMARTCARD_REQUIRED", allowedFactors(facts));
    }
    return { loginId: login.id, tokenHash: live.hash, user };
  }

  /** Ends a login whose smartcard the caller has verified: SUCCESS with a session. */
  async completeWithSmartcard(stateToken: string, client: ClientInfo): Promise<AuthnResponse> {
    const live = await this.steps.live(stateToken);
    if (live.login.state !== "SMARTCARD_REQUIRED") throw wrongState(live.login.state);
    return this.succeed(live, "smartcard", client);
  }

  // --- internals ---

  private factsOf(user: UserRecord, phase: Phase): FactorFacts {
    return {
      phase,
      hasSmartcard: user.hasSmartcard,
      hasEmail: user.email !== null,
      createdBeforeLaunch: this.d.phases.createdBeforeLaunch(user.createdAt),
    };
  }

  private passwordExpired(user: UserRecord, now: number): boolean {
    const maxAge = this.d.config.passwordMaxAgeMs;
    return user.passwordExpired || (maxAge > 0 && now - user.passwordChangedAt > maxAge);
  }

  /** After the password (or its change): the step the phase and the user call for. */
  private async nextStep(
    user: UserRecord,
    existing: LiveLogin | null,
    client: ClientInfo,
  ): Promise<AuthnResponse> {
    const phase = this.d.phases.current();
    const next = stepAfterPassword(this.factsOf(user, phase));
    const about = this.about(user, "password", client);
    switch (next.state) {
      case "refused":
        if (existing) await this.d.logins.finish(existing.login.id, "EXPIRED");
        this.d.audit.record("authn.step", "refused-no-smartcard", about);
        throw new AppError("METHOD_NOT_ALLOWED_FOR_USER", notAllowedMessage("smartcard", phase));
      case "EMAIL_NOT_REGISTERED":
        this.d.audit.record("authn.step", "email-not-registered", about);
        if (!next.factors.includes("smartcard")) {
          if (existing) await this.d.logins.finish(existing.login.id, "EMAIL_NOT_REGISTERED");
          return {
            state: "EMAIL_NOT_REGISTERED",
            userId: user.userId,
            phase,
            factors: [],
            message: authnMessages.emailNotRegistered,
          };
        }
        return this.steps.answer(await this.stepTo(user, existing, next.state, next.factors));
      case "SMARTCARD_REQUIRED":
      case "METHOD_CHOICE":
        return this.steps.answer(await this.stepTo(user, existing, next.state, next.factors));
      case "OTP_REQUIRED":
        return this.startOtp(user, existing, next.factors, client);
      default:
        return assertNever(next);
    }
  }

  /** Sends the first code of a login; a fresh login is stored only once its mail is sent. */
  private async startOtp(
    user: UserRecord,
    existing: LiveLogin | null,
    factors: Factor[],
    client: ClientInfo,
  ): Promise<AuthnResponse> {
    if (existing) {
      await this.d.otp.reissue({ ...otpTarget(existing), factors }, false);
      return this.steps.answer(await this.steps.live(existing.token));
    }
    const token = this.steps.newToken();
    const otp = await this.d.otp.issue(user, token.hash);
    const live = await this.steps.open(user, "OTP_REQUIRED", factors, token, otp);
    this.d.audit.record("authn.otp-sent", "sent", this.about(user, "otp", client));
    return this.steps.answer(live);
  }

  /** A step of the login: the existing one moved on, or a new one opened. */
  private stepTo(
    user: UserRecord,
    existing: LiveLogin | null,
    state: AuthnState,
    factors: Factor[],
  ): Promise<LiveLogin> {
    return existing ? this.steps.moveTo(existing, state, factors) : this.steps.open(user, state, factors);
  }

  /**
   * SUCCESS with a session, for the one request that ends the login (with `otpHash`, while that
   * code is still the login's): a racing second one, on any instance, finds the login finished.
   */
  private async succeed(
    live: LiveLogin,
    factor: Factor,
    client: ClientInfo,
    otpHash?: Buffer,
  ): Promise<AuthnAnswer<"SUCCESS">> {
    if (!(await this.d.logins.finish(live.login.id, "SUCCESS", otpHash))) {
      await this.steps.live(live.token, factor === "otp" ? "verifyOtp" : undefined);
      // Still live: its code was replaced or voided a moment ago.
      throw new AppError("INVALID_OTP", authnMessages.wrongOtp, { attemptsRemaining: 0 });
    }
    const { sessionToken, session } = await this.d.sessions.issue(live.user, factor);
    this.d.audit.record("authn.success", "success", this.about(live.user, factor, client));
    return { state: "SUCCESS", sessionToken, session };
  }

  private about(user: UserRecord, method: AuthnMethod, client: ClientInfo) {
    return { userKey: user.userKey, method, client };
  }
}

function lockedOut(until: number): AuthnAnswer<"LOCKED_OUT"> {
  return { state: "LOCKED_OUT", lockedUntil: iso(until), message: lockedOutMessage(new Date(until)) };
}

function otpTarget(live: LiveLogin) {
  return { id: live.login.id, user: live.user, binding: live.hash, factors: live.login.factors };
}
