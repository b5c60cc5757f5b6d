import type { AxiosInstance } from "axios";
import { z } from "zod";
import type { AuthView, PasswordPolicyDetails, SessionView } from "../../../shared/contract/auth.js";
import { assertNever } from "../../../shared/assert-never.js";
import { type ErrorCode, AppError, isAppError } from "../../../shared/errors.js";
import { acceptsFrom, type AnswerState, type StepRequest } from "../../../shared/wire/authn-states.js";
import {
  API_PREFIX,
  authnResponseSchema,
  passwordPolicy,
  sessionResponseSchema,
  type AuthnResponse,
  type Factor,
  type SessionInfo,
} from "../../../shared/wire/authn.js";
import { passwordRules } from "../../../shared/wire/password-rules.js";
import { requestJson, type JsonRequest } from "../http/request-json.js";

export interface AuthClientDeps {
  http: AxiosInstance;
  clock: () => Date;
  /** Told whenever the signed-in session appears, ends, or is found gone on the server. */
  onSessionChanged?: (view: SessionView) => void;
  /** Runs `task` after `ms`; returns a cancel function. Defaults to an unref'd setTimeout. */
  setTimer?: (ms: number, task: () => void) => () => void;
}

const defaultTimer = (ms: number, task: () => void): (() => void) => {
  const timer = setTimeout(task, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

/** Checks a little after the expiry the server announced, so clocks a second apart still agree. */
const EXPIRY_GRACE_MS = 1_000;
/** Never checks more often than this, whatever the clocks say (each check extends the idle window). */
const MIN_WATCH_MS = 30_000;
/** setTimeout's limit; a later expiry is checked again when this fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Server errors meaning the login in progress is over. */
const loginOver: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "INVALID_STATE_TOKEN",
  "EXPIRED",
  "LOCKED_OUT",
]);
/** Server errors meaning the session is gone. */
const sessionGone: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "SESSION_EXPIRED",
  "UNAUTHORIZED",
  "NOT_SIGNED_IN",
]);

/** The step a sign-in in progress stands at, and the state token that carries it on. */
interface PendingStep {
  state: AnswerState;
  stateToken: string;
}

const okSchema = z.unknown();
/** A PASSWORD_POLICY refusal's details; a server that names no rules still has its problems shown. */
const policyRefusalSchema = z.object({
  problems: z.array(z.string()),
  rules: z.array(z.enum(passwordRules)).optional(),
  policy: z.string().optional(),
});

/**
 * The terminal's side of the 2FA protocol. It keeps the state token and the
 * session token in memory only and hands out `AuthView`s, which carry neither.
 */
export class AuthClient {
  private readonly http: AxiosInstance;
  private readonly clock: () => Date;
  private readonly onSessionChanged: (view: SessionView) => void;
  private readonly setTimer: (ms: number, task: () => void) => () => void;
  private cancelExpiryWatch: (() => void) | undefined;
  /** Server time minus local time, from the session's issue time (a simulator's clock may be far off). */
  private serverOffsetMs = 0;
  private pending: PendingStep | undefined;
  private sessionToken: string | undefined;
  private sessionInfo: SessionInfo | undefined;
  private loginUserId: string | undefined;

  constructor(deps: AuthClientDeps) {
    this.http = deps.http;
    this.clock = deps.clock;
    this.onSessionChanged = deps.onSessionChanged ?? (() => {});
    this.setTimer = deps.setTimer ?? defaultTimer;
  }

  /** The user ID of the login in progress or of the signed-in user. */
  get currentUserId(): string | undefined {
    return this.sessionInfo?.userId ?? this.loginUserId;
  }

  get signedIn(): boolean {
    return this.sessionToken !== undefined;
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
    if (!this.sessionToken) this.loginUserId = undefined;
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

  /** The signed-in session as the server sees it now; null when there is none. */
  async session(): Promise<SessionView> {
    const token = this.sessionToken;
    if (token === undefined) return { session: null };
    const serverNow = this.clock().getTime() + this.serverOffsetMs;
    if (this.sessionInfo && Date.parse(this.sessionInfo.absoluteExpiresAt) <= serverNow) {
      this.dropSession();
      return { session: null };
    }
    try {
      const body = await requestJson(
        this.http,
        { method: "GET", url: `${API_PREFIX}/session`, bearer: token },
        sessionResponseSchema,
      );
      // Signed out (or in again) while the answer was on its way: that answer is about a session gone.
      if (this.sessionToken !== token) return { session: this.sessionInfo ?? null };
      this.sessionInfo = body.session;
      this.watchExpiry(body.session);
      return { session: body.session };
    } catch (error) {
      if (isAppError(error) && sessionGone.has(error.code)) {
        if (this.sessionToken === token) this.dropSession();
        return { session: this.sessionInfo ?? null };
      }
      throw error;
    }
  }

  /** Revokes the session on the server. Idempotent: signing out twice is fine. */
  async signOut(): Promise<{ ok: true }> {
    const token = this.sessionToken;
    if (token === undefined) return { ok: true };
    try {
      await requestJson(
        this.http,
        { method: "DELETE", url: `${API_PREFIX}/session`, bearer: token },
        okSchema,
      );
    } catch (error) {
      if (!(isAppError(error) && sessionGone.has(error.code))) throw error;
    }
    this.dropSession();
    return { ok: true };
  }

  /** Forgets everything without telling the server (the server profile changed). */
  reset(): void {
    this.pending = undefined;
    this.loginUserId = undefined;
    if (this.sessionToken !== undefined) this.dropSession();
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

  /**
   * A request made as the signed-in user (the Delegated Administrator's
   * functions, for instance): sends the session token as the bearer and checks
   * the answer against `schema`. The token never leaves the main process. A
   * session the server no longer knows ends here, as on any other call.
   */
  async sessionRequest<S extends z.ZodType>(
    request: Omit<JsonRequest, "bearer">,
    schema: S,
  ): Promise<z.output<S>> {
    const token = this.sessionToken;
    if (token === undefined) {
      throw new AppError("NOT_SIGNED_IN", "You are not signed in. Sign in first, then try again.");
    }
    try {
      return await requestJson(this.http, { ...request, bearer: token }, schema);
    } catch (error) {
      if (isAppError(error) && sessionGone.has(error.code)) {
        if (this.sessionToken === token) this.dropSession();
        throw new AppError("SESSION_EXPIRED", "Your session has ended. Sign in again.");
      }
      throw error;
    }
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
        this.sessionToken = body.sessionToken;
        this.sessionInfo = body.session;
        this.serverOffsetMs = Date.parse(body.session.issuedAt) - this.clock().getTime();
        this.watchExpiry(body.session);
        this.onSessionChanged({ session: body.session });
        break;
      default:
        return assertNever(body);
    }
    return toView(body);
  }

  /**
   * Asks the server again once the session should have run out, so the page
   * hears of the expiry (session.changed) even when nothing else calls.
   */
  private watchExpiry(session: SessionInfo): void {
    this.cancelExpiryWatch?.();
    const expiresAt = Math.min(Date.parse(session.idleExpiresAt), Date.parse(session.absoluteExpiresAt));
    const serverNow = this.clock().getTime() + this.serverOffsetMs;
    const wait = Math.min(Math.max(expiresAt - serverNow + EXPIRY_GRACE_MS, MIN_WATCH_MS), MAX_TIMER_MS);
    this.cancelExpiryWatch = this.setTimer(wait, () => {
      this.cancelExpiryWatch = undefined;
      // Activity since (a DA's calls, say) may have kept the session alive: announce its new expiry.
      // A session that has ended is announced by dropSession.
      this.session()
        .then((view) => {
          if (view.session) this.onSessionChanged(view);
        })
        .catch(() => {
          // Unreachable right now: the next call the page makes will tell.
        });
    });
  }

  private dropSession(): void {
    this.cancelExpiryWatch?.();
    this.cancelExpiryWatch = undefined;
    this.sessionToken = undefined;
    this.sessionInfo = undefined;
    this.loginUserId = undefined;
    this.onSessionChanged({ session: null });
  }
}

/** The UI's copy of an answer: every field but the tokens, and the policy a password change must meet. */
function toView(body: AuthnResponse): AuthView {
  switch (body.state) {
    case "OTP_REQUIRED":
    case "METHOD_CHOICE":
    case "SMARTCARD_REQUIRED":
    case "EMAIL_NOT_REGISTERED": {
      const { stateToken: _stateToken, ...view } = body;
      return view;
    }
    case "PASSWORD_EXPIRED": {
      const { stateToken: _stateToken, ...view } = body;
      const { minLength, minClasses, historySize } = passwordPolicy;
      return { ...view, passwordPolicy: { minLength, minClasses, historySize } };
    }
    case "METHOD_DECOMMISSIONED":
    case "LOCKED_OUT":
      return body;
    case "SUCCESS": {
      const { sessionToken: _sessionToken, ...view } = body;
      return view;
    }
    default:
      return assertNever(body);
  }
}

/** The server's policy refusal with each problem beside the rule the server says it is about. */
function withRules(error: AppError): AppError {
  const parsed = policyRefusalSchema.safeParse(error.details ?? {});
  const problems = parsed.success ? parsed.data.problems : [];
  const details: PasswordPolicyDetails = {
    problems,
    rules: problems.map((_, index) => (parsed.success ? (parsed.data.rules?.[index] ?? null) : null)),
    ...(parsed.success && parsed.data.policy !== undefined ? { policy: parsed.data.policy } : {}),
  };
  return new AppError("PASSWORD_POLICY", error.message, details);
}
