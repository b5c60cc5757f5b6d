import { AppError } from "../../../shared/errors.js";
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
import {
  type LockoutStore,
  type LoginStore,
  RowTakenError,
  type Storage,
  type Stores,
  type UserRecord,
  type UserStore,
} from "../../store/storage.js";
import { type SessionService } from "../session/session-service.js";
import { type AnswerWrites, answerWriter, type Commit, type Prelude } from "./answer-writes.js";
import { type AuthnAudit, type AuthnMethod, type ClientInfo, failureOutcomeName } from "./authn-audit.js";
import {
  authnMessages,
  decommissionedMessage,
  lockedOutMessage,
  notAllowedMessage,
  policyRefusalMessage,
} from "./authn-messages.js";
import { allowedFactors, verdictOn } from "./factor-policy.js";
import { iso, type LiveLogin, LoginSteps } from "./login-steps.js";
import { factsOf, NextStep, otpTarget } from "./next-step.js";
import { type OtpIssuer, saveOtp } from "./otp-issuer.js";
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
  /** One commit for all of an answer's writes. */
  transaction: Storage["transaction"];
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
 * (`shared/wire/authn-states.ts`). Each answer decides (and mails) first, then makes all its writes
 * in one transaction (`commit`), its audit lines with them: a database lost between two of them
 * leaves neither, so the retry it is told to make works.
 */
export class AuthnService {
  private beginsSincePrune = 0;
  private readonly steps: LoginSteps;
  private readonly commit: Commit;
  private readonly next: NextStep;

  constructor(private readonly d: AuthnDeps) {
    this.steps = new LoginSteps({ ...d, now: () => d.clock.nowMs() });
    this.commit = answerWriter(d.transaction, { steps: this.steps, sessions: d.sessions, audit: d.audit });
    this.next = new NextStep({ phases: d.phases, otp: d.otp, steps: this.steps, commit: this.commit });
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
    // Read together (one round trip): the lock as the request found it, which matters after a right password.
    const [user, lockedUntil] = await Promise.all([
      this.d.users.find(userKey),
      this.d.lockouts.lockedUntil(userKey, this.now()),
    ]);
    // Hash first, whatever the outcome, so timing says nothing about existence or lock.
    const passwordOk = user
      ? await this.d.hasher.verify(user.passwordHash, password)
      : await this.d.hasher.verifyDummy(password);
    const now = this.now();
    const about = { userKey, method: "password", client } as const;
    if (!user || !passwordOk) {
      const { lockoutWindowMs, lockoutThreshold, lockoutDurationMs } = this.d.config;
      // One atomic step: a lock in force (set by any instance) is met, else the failure counts.
      const outcome = await this.commit(async (w) => {
        const counted = await w.lockouts.recordFailure(userKey, now, {
          windowMs: lockoutWindowMs,
          threshold: lockoutThreshold,
          lockMs: lockoutDurationMs,
        });
        w.audit.record("authn.password", failureOutcomeName(counted), about);
        return counted;
      });
      if (outcome.kind === "counted")
        throw new AppError("INVALID_CREDENTIALS", authnMessages.invalidCredentials);
      return lockedOut(outcome.until);
    }
    if (lockedUntil !== null) {
      this.d.audit.record("authn.password", "locked-out", about);
      return lockedOut(lockedUntil);
    }
    // A right password clears the failures counted so far, with the rest of the answer.
    const admitted: Prelude = async (w) => {
      await w.lockouts.clearFailuresOf(userKey);
      w.audit.record("authn.password", "success", about);
    };
    if (this.passwordExpired(user, now)) {
      return this.commit(async (w) => {
        await admitted(w);
        const live = await w.steps.open(user, "PASSWORD_EXPIRED", []);
        w.audit.record("authn.password-expired", "change-required", about);
        return w.steps.answer(live);
      });
    }
    return this.next.after(user, null, client, admitted);
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
      const otpHash = login.otpHash;
      // Counted in the database, so wrong codes sent to several instances at once all count.
      const counted = await this.commit(async (w) => {
        const outcome = await w.logins.recordWrongOtp(login.id, otpHash, otpMaxAttempts);
        if (outcome !== null) w.audit.record("authn.otp", outcome.void ? "failure-void" : "failure", about);
        return outcome;
      });
      if (counted === null) {
        // Meanwhile the login ended, or its code was voided or replaced: answer as it stands now.
        const now = await this.steps.live(stateToken, "verifyOtp");
        if (now.login.otpVoid) throw new AppError("TOO_MANY_ATTEMPTS", authnMessages.tooManyWrongCodes);
        const left = Math.max(0, otpMaxAttempts - now.login.otpAttempts);
        throw new AppError("INVALID_OTP", authnMessages.wrongOtp, { attemptsRemaining: left });
      }
      const remaining = Math.max(0, otpMaxAttempts - counted.attempts);
      if (counted.void) {
        throw new AppError("TOO_MANY_ATTEMPTS", authnMessages.tooManyWrongCodes, { attemptsRemaining: 0 });
      }
      throw new AppError("INVALID_OTP", authnMessages.wrongOtp, { attemptsRemaining: remaining });
    }
    return this.succeed(live, client, login.otpHash);
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
    const target = otpTarget(live);
    try {
      await this.d.otp.reissue(target, (otp) =>
        this.commit(async (w) => {
          await saveOtp(w.logins, target, otp, true);
          w.audit.record("authn.otp-resend", "sent", about);
        }),
      );
    } catch (error) {
      // Another resend of this login won the claim a moment ago: its code is on its way.
      if (error instanceof AppError && error.code === "WRONG_STATE") refuseCooldown(this.now());
      throw error;
    }
    return this.steps.answer(await this.steps.live(stateToken));
  }

  async chooseFactor(stateToken: string, factor: Factor, client: ClientInfo): Promise<AuthnResponse> {
    const live = await this.steps.live(stateToken, "factor");
    const { login, user } = live;
    const phase = this.d.phases.current();
    const about = this.about(user, factor, client);
    const facts = factsOf(user, phase, this.d.phases);
    switch (verdictOn(factor, facts)) {
      case "decommissioned":
        await this.commit(async (w) => {
          await w.logins.finish(login.id, "METHOD_DECOMMISSIONED");
          w.audit.record("authn.factor", "decommissioned", about);
        });
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
    const chosen = (w: AnswerWrites) => w.audit.record("authn.factor", "chosen", about);
    const otpLive = login.otpHash !== null && !login.otpVoid && (login.otpExpiresAt ?? 0) > this.now();
    if (factor === "otp" && !otpLive) {
      await this.next.sendOtp({ ...otpTarget(live), factors }, client, async (w) => chosen(w));
    } else {
      await this.commit(async (w) => {
        await w.logins.setState(
          login.id,
          factor === "smartcard" ? "SMARTCARD_REQUIRED" : "OTP_REQUIRED",
          factors,
        );
        chosen(w);
      });
    }
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
    // Changed with the step it leads to (and after its code went out): a failure changes neither.
    const changed: Prelude = async (w) => {
      await w.tx.users.changePassword(user.userKey, hash, this.now());
      w.audit.record("authn.password-change", "changed", about);
    };
    return this.next.after({ ...user, passwordHash: hash, passwordExpired: false }, current, client, changed);
  }

  async cancel(stateToken: string, client: ClientInfo): Promise<void> {
    const login = await this.d.logins.find(tokenHash(stateToken));
    if (login === undefined) throw new AppError("INVALID_STATE_TOKEN", authnMessages.unknownStep);
    await this.commit(async (w) => {
      if (!login.finished) await w.logins.finish(login.id, "EXPIRED");
      w.audit.record("authn.cancel", "cancelled", { userKey: login.userKey, method: "password", client });
    });
  }

  // --- the seam the smartcard factor builds on ---

  /**
   * The smartcard factor's first step: checks the state token for it and, in one commit, moves the
   * login to SMARTCARD_REQUIRED and makes `then`'s writes (a challenge, its audit line).
   */
  async beginSmartcard<T>(
    stateToken: string,
    then: (login: PendingLogin, tx: Stores) => Promise<T>,
  ): Promise<T> {
    const { live, factors } = await this.smartcardStep(stateToken);
    return this.commit(async (w) => {
      await toSmartcard(w, live, factors);
      return then(pendingOf(live), w.tx);
    });
  }

  /**
   * Ends a login by its smartcard, in one commit: `check` takes the challenge and checks the card's
   * answer (the challenge is used either way; a refusal comes back as an AppError, its audit line
   * written), then the login is finished with a session: SUCCESS.
   */
  async completeWithSmartcard(
    stateToken: string,
    client: ClientInfo,
    check: (login: PendingLogin, tx: Stores) => Promise<AppError | null>,
  ): Promise<AuthnResponse> {
    const { live, factors } = await this.smartcardStep(stateToken);
    const outcome = await this.commit(async (w) => {
      await toSmartcard(w, live, factors);
      const refused = await check(pendingOf(live), w.tx);
      if (refused) return refused;
      // The challenge is used however the login ends: a plain `finish`, not one that aborts the commit.
      if (!(await w.logins.finish(live.login.id, "SUCCESS"))) return null;
      return this.issueSession(w, live, "smartcard", client);
    });
    if (outcome instanceof AppError) throw outcome;
    if (outcome === null) throw await this.endedMeanwhile(live, "smartcard");
    return { state: "SUCCESS", ...outcome };
  }

  // --- internals ---

  /** A live login the smartcard may end now, and the factors it would offer. */
  private async smartcardStep(stateToken: string): Promise<{ live: LiveLogin; factors: Factor[] }> {
    const live = await this.steps.live(stateToken, "factor");
    const phase = this.d.phases.current();
    const facts = factsOf(live.user, phase, this.d.phases);
    switch (verdictOn("smartcard", facts)) {
      case "decommissioned":
        throw new AppError("METHOD_DECOMMISSIONED", authnMessages.smartcardDecommissioned);
      case "not-allowed":
        throw new AppError("METHOD_NOT_ALLOWED_FOR_USER", notAllowedMessage("smartcard", phase));
      case "allowed":
        return { live, factors: allowedFactors(facts) };
    }
  }

  private passwordExpired(user: UserRecord, now: number): boolean {
    const maxAge = this.d.config.passwordMaxAgeMs;
    return user.passwordExpired || (maxAge > 0 && now - user.passwordChangedAt > maxAge);
  }

  /**
   * SUCCESS with a session, for the one request that ends the login (with `otpHash`, while that
   * code is still the login's): a racing second one, on any instance, finds the login finished.
   */
  private async succeed(
    live: LiveLogin,
    client: ClientInfo,
    otpHash: Buffer,
  ): Promise<AuthnAnswer<"SUCCESS">> {
    try {
      const issued = await this.commit(async (w) => {
        // Ends the login or aborts the commit: nothing here waits on the database, one round trip in all.
        await w.logins.finishOrAbort(live.login.id, "SUCCESS", otpHash);
        return this.issueSession(w, live, "otp", client);
      });
      return { state: "SUCCESS", ...issued };
    } catch (error) {
      if (error instanceof RowTakenError) throw await this.endedMeanwhile(live, "otp");
      throw error;
    }
  }

  /** The session of a login just finished, and its audit line. */
  private async issueSession(w: AnswerWrites, live: LiveLogin, factor: Factor, client: ClientInfo) {
    const issued = await w.sessions.issue(live.user, factor);
    w.audit.record("authn.success", "success", this.about(live.user, factor, client));
    return issued;
  }

  /** Why a login could not be finished: it ended (that error), or its code was replaced or voided. */
  private async endedMeanwhile(live: LiveLogin, factor: Factor): Promise<AppError> {
    await this.steps.live(live.token, factor === "otp" ? "verifyOtp" : undefined);
    return new AppError("INVALID_OTP", authnMessages.wrongOtp, { attemptsRemaining: 0 });
  }

  private about(user: UserRecord, method: AuthnMethod, client: ClientInfo) {
    return { userKey: user.userKey, method, client };
  }
}

function lockedOut(until: number): AuthnAnswer<"LOCKED_OUT"> {
  return { state: "LOCKED_OUT", lockedUntil: iso(until), message: lockedOutMessage(new Date(until)) };
}

function pendingOf(live: LiveLogin): PendingLogin {
  return { loginId: live.login.id, tokenHash: live.hash, user: live.user };
}

async function toSmartcard(w: AnswerWrites, live: LiveLogin, factors: Factor[]): Promise<void> {
  if (live.login.state !== "SMARTCARD_REQUIRED") {
    await w.logins.setState(live.login.id, "SMARTCARD_REQUIRED", factors);
  }
}
