import { assertNever } from "../../../shared/assert-never.js";
import { AppError } from "../../../shared/errors.js";
import { acceptsFrom, type AuthnState, type StepRequest } from "../../../shared/wire/authn-states.js";
import { type AuthnResponse, type Factor } from "../../../shared/wire/authn.js";
import { type SimulatorConfig } from "../../config.js";
import { newToken, tokenHash } from "../../crypto/tokens.js";
import { maskEmail } from "../../mail/mask-email.js";
import { type PhaseService } from "../../phase.js";
import {
  type LoginRecord,
  type LoginStore,
  type OtpIssue,
  type Stores,
  type UserRecord,
} from "../../store/storage.js";
import { authnMessages, wrongStateMessage } from "./authn-messages.js";

export interface LoginStepsDeps {
  config: SimulatorConfig;
  phases: PhaseService;
  logins: LoginStore;
  now: () => number;
}

/** A stored login that is neither finished nor expired, with its user and its state token. */
export interface LiveLogin {
  login: LoginRecord;
  user: UserRecord;
  /** The hash of the state token: the key the login is stored under, and what its OTP is bound to. */
  hash: Buffer;
  token: string;
}

/** A login as its answer needs it: live, or just stored (whose id nobody needs). */
export type AnswerableLogin = Omit<LiveLogin, "login"> & { login: Omit<LoginRecord, "id"> };

/** A state token not yet given out, and the hash a login is stored under. */
export interface NewStateToken {
  token: string;
  hash: Buffer;
}

/**
 * The logins in progress: opened under a new state token, found by it, moved from step to step, and
 * described in the answer of their state.
 */
export class LoginSteps {
  constructor(private readonly d: LoginStepsDeps) {}

  /** The same steps, stored and read in a transaction (`Storage.transaction`). */
  in(tx: Stores): LoginSteps {
    return new LoginSteps({ ...this.d, logins: tx.logins });
  }

  newToken(): NewStateToken {
    const token = newToken();
    return { token, hash: tokenHash(token) };
  }

  /** Stores a new login of `user` at `state` (with its first code, when one went out already). */
  async open(
    user: UserRecord,
    state: AuthnState,
    factors: Factor[],
    { token, hash }: NewStateToken = this.newToken(),
    otp?: OtpIssue,
  ): Promise<AnswerableLogin> {
    const now = this.d.now();
    const login = await this.d.logins.create({
      tokenHash: hash,
      userKey: user.userKey,
      state,
      factors,
      createdAt: now,
      expiresAt: now + this.d.config.stateTokenTtlMs,
      ...(otp === undefined ? {} : { otp }),
    });
    // Just stored, for the user at hand: no need to read them back.
    return this.unexpired({ login, user, hash, token });
  }

  /** Moves a login on to another step, and reads it back as stored. */
  async moveTo(live: LiveLogin, state: AuthnState, factors: Factor[]): Promise<LiveLogin> {
    await this.d.logins.setState(live.login.id, state, factors);
    return this.live(live.token);
  }

  /** The login a state token names, unfinished and unexpired; and, given a request, at a step it fits. */
  async live(stateToken: string, request?: StepRequest): Promise<LiveLogin> {
    const hash = tokenHash(stateToken);
    const { login, user } = (await this.d.logins.findWithUser(hash)) ?? {};
    if (login === undefined || user === undefined || login.finished) {
      throw new AppError("INVALID_STATE_TOKEN", authnMessages.unknownOrFinishedStep);
    }
    const live = this.unexpired({ login, user, hash, token: stateToken });
    if (request !== undefined && !acceptsFrom(request, login.state)) throw wrongState(login.state);
    return live;
  }

  /** The answer for a login in progress, with exactly the fields of its state. */
  answer(live: AnswerableLogin): AuthnResponse {
    const { login, user } = live;
    const step = {
      stateToken: live.token,
      expiresAt: iso(login.expiresAt),
      userId: user.userId,
      phase: this.d.phases.current(),
    };
    const state = login.state;
    switch (state) {
      case "OTP_REQUIRED": {
        if (user.email === null || login.otpExpiresAt === null) {
          throw new AppError("INTERNAL", "A login waits for a code that was never sent.");
        }
        const { otpMaxResends, otpMaxAttempts, otpResendCooldownMs } = this.d.config;
        return {
          state,
          ...step,
          factors: login.factors,
          maskedEmail: maskEmail(user.email),
          otpExpiresAt: iso(login.otpExpiresAt),
          resendAvailableAt: iso((login.otpSentAt ?? login.createdAt) + otpResendCooldownMs),
          resendsRemaining: Math.max(0, otpMaxResends - login.resendsUsed),
          attemptsRemaining: login.otpVoid ? 0 : Math.max(0, otpMaxAttempts - login.otpAttempts),
        };
      }
      case "METHOD_CHOICE":
      case "SMARTCARD_REQUIRED":
        return { state, ...step, factors: login.factors };
      case "EMAIL_NOT_REGISTERED":
        return {
          state,
          ...step,
          factors: login.factors,
          message: authnMessages.emailNotRegisteredCardHolder,
        };
      case "PASSWORD_EXPIRED":
        return { state, ...step, message: authnMessages.passwordExpired };
      case "SUCCESS":
      case "LOCKED_OUT":
      case "METHOD_DECOMMISSIONED":
      case "EXPIRED":
        // Finished logins are not live (see `live`): nothing to answer with.
        throw new AppError("INTERNAL", `A finished login (${state}) was taken for a live one.`);
      default:
        return assertNever(state);
    }
  }

  private unexpired<L extends AnswerableLogin>(live: L): L {
    if (this.d.now() >= live.login.expiresAt) throw new AppError("EXPIRED", authnMessages.stepExpired);
    return live;
  }
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export function wrongState(state: AuthnState): AppError {
  return new AppError("WRONG_STATE", wrongStateMessage(state), { state });
}
