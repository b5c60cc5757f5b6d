import type { AxiosInstance } from "axios";
import { z } from "zod";
import type { AuthView, SessionView } from "../../../shared/contract/auth.js";
import { assertNever } from "../../../shared/assert-never.js";
import { type ErrorCode, AppError, isAppError } from "../../../shared/errors.js";
import { acceptsFrom, type AnswerState, type StepRequest } from "../../../shared/wire/authn-states.js";
import {
  API_PREFIX,
  authnResponseSchema,
  type AuthnResponse,
  type Factor,
} from "../../../shared/wire/authn.js";
import type { RecentSignIns } from "../../../shared/wire/session.js";
import { requestJson, type JsonRequest } from "../http/request-json.js";
import { toView, withRules } from "./authn-views.js";
import { SignedInSession } from "./signed-in-session.js";

export interface AuthClientDeps {
  http: AxiosInstance;
  clock: () => Date;
  /** Told whenever the signed-in session appears, ends, or is found gone on the server. */
  onSessionChanged?: (view: SessionView) => void;
  /** Runs `task` after `ms`; returns a cancel function. Defaults to an unref'd setTimeout. */
  setTimer?: (ms: number, task: () => void) => () => void;
  /** How often the signed-in session's state is asked of the server (without extending it). */
  statusEveryMs?: number;
}

const defaultTimer = (ms: number, task: () => void): (() => void) => {
  const timer = setTimeout(task, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

/**
 * The session's state is asked this often while signed in: an end decided by the server (a time limit,
 * a revocation elsewhere, a lock, a reset) reaches the page within this time. The ask does not extend it.
 */
const STATUS_EVERY_MS = 5_000;

/** Server errors meaning the login in progress is over. */
const loginOver: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "INVALID_STATE_TOKEN",
  "EXPIRED",
  "LOCKED_OUT",
]);

/** The step a sign-in in progress stands at, and the state token that carries it on. */
interface PendingStep {
  state: AnswerState;
  stateToken: string;
}

const okSchema = z.unknown();

/**
 * The terminal's side of the 2FA protocol: the sign-in's steps here (password, OTP, factor choice,
 * password change, another factor's requests), and keeping the session once signed in in
 * `SignedInSession`. It keeps the state token and the session token in memory only and hands out
 * `AuthView`s and `SessionView`s, which carry neither.
 */
export class AuthClient {
  private readonly http: AxiosInstance;
  private readonly onSessionChanged: (view: SessionView) => void;
  private readonly kept: SignedInSession;
  private pending: PendingStep | undefined;
  private loginUserId: string | undefined;

  constructor(deps: AuthClientDeps) {
    this.http = deps.http;
    this.onSessionChanged = deps.onSessionChanged ?? (() => {});
    this.kept = new SignedInSession({
      http: deps.http,
      clock: deps.clock,
      setTimer: deps.setTimer ?? defaultTimer,
      statusEveryMs: deps.statusEveryMs ?? STATUS_EVERY_MS,
      onChanged: (view) => {
        // A session that ends takes the sign-in's user ID with it.
        if (view.session === null) this.loginUserId = undefined;
        this.onSessionChanged(view);
      },
    });
  }

  /** The user ID of the login in progress or of the signed-in user. */
  get currentUserId(): string | undefined {
    return this.kept.userId ?? this.loginUserId;
  }

  get signedIn(): boolean {
    return this.kept.active;
  }

  /** The signed-in user's participant, for requests about it; NOT_SIGNED_IN without a session. */
  get participant(): string {
    return this.kept.participant;
  }

  async begin(input: { userId: string; password: string }): Promise<AuthView> {
    this.pending = undefined;
    this.loginUserId = input.userId;
    return this.step({ method: "POST", url: `${API_PREFIX}/authn`, data: input });
  }

  async verifyOtp(input: { otp: string }): Promise<AuthView> {
    const stateToken = this.requireStep("verifyOtp");
    return this.step({
      method: "POST",
      url: `${API_PREFIX}/authn/otp/verify`,
      data: { stateToken, otp: input.otp },
    });
  }

  async resendOtp(): Promise<AuthView> {
    const stateToken = this.requireStep("resendOtp");
    return this.step({ method: "POST", url: `${API_PREFIX}/authn/otp/resend`, data: { stateToken } });
  }

  async chooseFactor(input: { factor: Factor }): Promise<AuthView> {
    const stateToken = this.requireStep("factor");
    return this.step({
      method: "POST",
      url: `${API_PREFIX}/authn/factor`,
      data: { stateToken, factor: input.factor },
    });
  }

  /**
   * Sets a new password from PASSWORD_EXPIRED and goes on to the step after it.
   * A PASSWORD_POLICY refusal keeps the login and names the rules it broke.
   */
  async changePassword(input: { newPassword: string }): Promise<AuthView> {
    const stateToken = this.requireStep("changePassword");
    try {
      return await this.step({
        method: "POST",
        url: `${API_PREFIX}/authn/password/change`,
        data: { stateToken, newPassword: input.newPassword },
      });
    } catch (error) {
      if (isAppError(error) && error.code === "PASSWORD_POLICY") throw withRules(error);
      throw error;
    }
  }

  /** Abandons the login in progress; the local state is cleared even if the server cannot be told. */
  async cancel(): Promise<{ ok: true }> {
    const stateToken = this.pending?.stateToken;
    this.pending = undefined;
    if (!this.kept.active) this.loginUserId = undefined;
    if (stateToken === undefined) return { ok: true };
    try {
      await requestJson(
        this.http,
        { method: "POST", url: `${API_PREFIX}/authn/cancel`, data: { stateToken } },
        okSchema,
      );
    } catch (error) {
      if (!isAppError(error)) throw error;
    }
    return { ok: true };
  }

  /**
   * A request of another factor (the smartcard) bound to the login in progress:
   * posts `{ ...data, stateToken }` and checks the answer against `schema`. The
   * state token never leaves the main process.
   */
  async factorRequest<S extends z.ZodType>(
    path: string,
    data: Record<string, unknown>,
    schema: S,
  ): Promise<z.output<S>> {
    const stateToken = this.requireStep("factor");
    try {
      return await requestJson(
        this.http,
        { method: "POST", url: `${API_PREFIX}${path}`, data: { ...data, stateToken } },
        schema,
      );
    } catch (error) {
      if (isAppError(error) && loginOver.has(error.code)) this.pending = undefined;
      throw error;
    }
  }

  /** A step of another factor answered with an authn state; SUCCESS ends the login like any step. */
  async factorStep(path: string, data: Record<string, unknown>): Promise<AuthView> {
    const stateToken = this.requireStep("factor");
    return this.step({ method: "POST", url: `${API_PREFIX}${path}`, data: { ...data, stateToken } });
  }

  /** The signed-in session as the server sees it now (which extends its idle time); null when there is none. */
  session(): Promise<SessionView> {
    return this.kept.refresh();
  }

  /** What this client knows of the session now, without asking the server. */
  current(): SessionView {
    return this.kept.view();
  }

  /** Locks the terminal: the page shows the lock screen, and the session's data calls are refused. */
  lock(): SessionView {
    return this.kept.lock();
  }

  /** Unlocks with the user's password, checked by the server. */
  unlock(input: { password: string }): Promise<SessionView> {
    return this.kept.unlock(input.password);
  }

  /** The user's sign-in before this session and the failed attempts since. */
  recentSignIns(): Promise<RecentSignIns> {
    return this.kept.recentSignIns();
  }

  /** Revokes the session on the server. Idempotent: signing out twice is fine. */
  signOut(): Promise<{ ok: true }> {
    return this.kept.signOut();
  }

  /** A request made as the signed-in user (see `SignedInSession.request`); refused while locked. */
  sessionRequest<S extends z.ZodType>(request: Omit<JsonRequest, "bearer">, schema: S): Promise<z.output<S>> {
    return this.kept.request(request, schema);
  }

  /** Forgets everything without telling the server (the server profile changed). */
  reset(): void {
    this.pending = undefined;
    this.loginUserId = undefined;
    if (this.kept.active) this.kept.drop();
  }

  /**
   * The state token of the sign-in in progress, if it stands where `request`
   * starts from; otherwise the request is refused here, as the server would.
   */
  private requireStep(request: StepRequest): string {
    const pending = this.pending;
    if (pending === undefined) {
      throw new AppError(
        "NO_LOGIN_IN_PROGRESS",
        "There is no sign-in in progress. Start again with your user ID and password.",
      );
    }
    if (!acceptsFrom(request, pending.state)) {
      throw new AppError(
        "WRONG_STATE",
        `This sign-in is at step ${pending.state}; that request does not fit it.`,
        { state: pending.state },
      );
    }
    return pending.stateToken;
  }

  private async step(request: { method: "POST"; url: string; data: unknown }): Promise<AuthView> {
    let body: AuthnResponse;
    try {
      body = await requestJson(this.http, request, authnResponseSchema);
    } catch (error) {
      if (isAppError(error) && loginOver.has(error.code)) this.pending = undefined;
      throw error;
    }
    switch (body.state) {
      case "OTP_REQUIRED":
      case "METHOD_CHOICE":
      case "SMARTCARD_REQUIRED":
      case "PASSWORD_EXPIRED":
        this.pending = { state: body.state, stateToken: body.stateToken };
        break;
      case "EMAIL_NOT_REGISTERED":
        // With a state token it goes on: a card holder may still use the smartcard.
        this.pending =
          body.stateToken === undefined ? undefined : { state: body.state, stateToken: body.stateToken };
        break;
      case "METHOD_DECOMMISSIONED":
      case "LOCKED_OUT":
        this.pending = undefined;
        break;
      case "SUCCESS":
        this.pending = undefined;
        this.kept.start(body.sessionToken, body.session);
        break;
      default:
        return assertNever(body);
    }
    return toView(body);
  }
}
