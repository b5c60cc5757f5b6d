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
import {
  REAUTHENTICATE_PATH,
  reauthenticateResponseSchema,
  type RecentSignIns,
  recentSignInsSchema,
  type SessionEndedDetails,
  sessionEndedDetailsSchema,
  SESSION_STATUS_PATH,
  SIGN_INS_PATH,
  sessionStatusResponseSchema,
} from "../../../shared/wire/session.js";
import { requestJson, type JsonRequest } from "../http/request-json.js";

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
/** A moved server clock is announced when it moves by more than this. */
const CLOCK_DRIFT_MS = 2_000;

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
  private readonly statusEveryMs: number;
  private cancelStatusWatch: (() => void) | undefined;
  /** The server has no status route (a 2FA server other than the simulator): the watch stops. */
  private statusUnsupported = false;
  /** The terminal is locked: the session's data calls are refused until the password unlocks it. */
  private locked = false;
  /** Why the last session ended, until the next sign-in (a page that missed the event can still say why). */
  private lastEnded: SessionEndedDetails | undefined;
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
    this.statusEveryMs = deps.statusEveryMs ?? STATUS_EVERY_MS;
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

  /**
   * The signed-in session as the server sees it now (which extends its idle time); null when there is
   * none. While the terminal is locked the server is not asked until the session should have ended.
   */
  async session(): Promise<SessionView> {
    const token = this.sessionToken;
    if (token === undefined) return this.view();
    const serverNow = this.serverNow();
    if (this.sessionInfo && Date.parse(this.sessionInfo.absoluteExpiresAt) <= serverNow) {
      this.dropSession({ reason: "absolute" });
      return this.view();
    }
    if (this.locked && this.sessionInfo && Date.parse(this.sessionInfo.idleExpiresAt) > serverNow) {
      return this.view();
    }
    try {
      const body = await requestJson(
        this.http,
        { method: "GET", url: `${API_PREFIX}/session`, bearer: token },
        sessionResponseSchema,
      );
      // Signed out (or in again) while the answer was on its way: that answer is about a session gone.
      if (this.sessionToken !== token) return this.view();
      this.sessionInfo = body.session;
      return this.view();
    } catch (error) {
      if (isAppError(error) && sessionGone.has(error.code)) {
        if (this.sessionToken === token) this.dropSession(endedOf(error));
        return this.view();
      }
      throw error;
    }
  }

  /** What this client knows of the session now, without asking the server. */
  current(): SessionView {
    return this.view();
  }

  /** Locks the terminal: the page shows the lock screen, and the session's data calls are refused. */
  lock(): SessionView {
    this.requireSession();
    if (!this.locked) {
      this.locked = true;
      this.onSessionChanged(this.view());
    }
    return this.view();
  }

  /**
   * Unlocks with the user's password, checked by the server (a wrong one counts towards the lockout,
   * and a lockout ends the session: SESSION_EXPIRED with its reason).
   */
  async unlock(input: { password: string }): Promise<SessionView> {
    const token = this.requireSession();
    try {
      const body = await requestJson(
        this.http,
        { method: "POST", url: REAUTHENTICATE_PATH, data: { password: input.password }, bearer: token },
        reauthenticateResponseSchema,
      );
      if (this.sessionToken !== token) return this.view();
      this.sessionInfo = body.session;
      this.locked = false;
      this.onSessionChanged(this.view());
      return this.view();
    } catch (error) {
      if (isAppError(error) && sessionGone.has(error.code)) {
        const ended = endedOf(error);
        if (this.sessionToken === token) this.dropSession(ended);
        throw new AppError("SESSION_EXPIRED", error.message, ended);
      }
      throw error;
    }
  }

  /** The user's sign-in before this session and the failed attempts since. */
  recentSignIns(): Promise<RecentSignIns> {
    return this.sessionRequest({ method: "GET", url: SIGN_INS_PATH }, recentSignInsSchema);
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
    this.dropSession({ reason: "signed-out" });
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
   * session the server no longer knows ends here, as on any other call. Refused while locked.
   */
  async sessionRequest<S extends z.ZodType>(
    request: Omit<JsonRequest, "bearer">,
    schema: S,
  ): Promise<z.output<S>> {
    const token = this.requireSession();
    if (this.locked) {
      throw new AppError("SESSION_LOCKED", "The terminal is locked. Unlock it with your password first.");
    }
    try {
      return await requestJson(this.http, { ...request, bearer: token }, schema);
    } catch (error) {
      if (isAppError(error) && sessionGone.has(error.code)) {
        const ended = endedOf(error);
        if (this.sessionToken === token) this.dropSession(ended);
        throw new AppError("SESSION_EXPIRED", "Your session has ended. Sign in again.", ended);
      }
      throw error;
    }
  }

  /** The signed-in user's participant, for requests about it; NOT_SIGNED_IN without a session. */
  get participant(): string {
    this.requireSession();
    return this.sessionInfo?.participant ?? "";
  }

  private requireSession(): string {
    const token = this.sessionToken;
    if (token === undefined) {
      throw new AppError("NOT_SIGNED_IN", "You are not signed in. Sign in first, then try again.");
    }
    return token;
  }

  /** What the page may know of the session now. */
  private view(): SessionView {
    const ended = this.sessionInfo === undefined ? this.lastEnded : undefined;
    return {
      session: this.sessionInfo ?? null,
      locked: this.sessionInfo !== undefined && this.locked,
      ...(ended === undefined ? {} : { ended }),
      serverTime: new Date(this.serverNow()).toISOString(),
    };
  }

  private serverNow(): number {
    return this.clock().getTime() + this.serverOffsetMs;
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
        this.locked = false;
        this.lastEnded = undefined;
        this.serverOffsetMs = Date.parse(body.session.issuedAt) - this.clock().getTime();
        this.watchStatus(body.sessionToken);
        this.onSessionChanged(this.view());
        break;
      default:
        return assertNever(body);
    }
    return toView(body);
  }

  /**
   * Asks the server every few seconds how the session stands, without extending it, so the page hears
   * at once of an end the server decided (with its reason), of an expiry moved by other calls, and of a
   * server clock that moved (a simulator's).
   */
  private watchStatus(token: string): void {
    this.cancelStatusWatch?.();
    if (this.statusUnsupported) return;
    this.cancelStatusWatch = this.setTimer(this.statusEveryMs, () => {
      this.cancelStatusWatch = undefined;
      void this.checkStatus(token).finally(() => {
        if (this.sessionToken === token && this.cancelStatusWatch === undefined) this.watchStatus(token);
      });
    });
  }

  private async checkStatus(token: string): Promise<void> {
    try {
      const body = await requestJson(
        this.http,
        { method: "GET", url: SESSION_STATUS_PATH, bearer: token },
        sessionStatusResponseSchema,
      );
      if (this.sessionToken !== token) return;
      const offset = Date.parse(body.serverTime) - this.clock().getTime();
      const moved =
        Math.abs(offset - this.serverOffsetMs) > CLOCK_DRIFT_MS ||
        body.session.idleExpiresAt !== this.sessionInfo?.idleExpiresAt ||
        body.session.absoluteExpiresAt !== this.sessionInfo.absoluteExpiresAt;
      this.serverOffsetMs = offset;
      this.sessionInfo = body.session;
      if (moved) this.onSessionChanged(this.view());
    } catch (error) {
      if (isAppError(error) && sessionGone.has(error.code) && this.sessionToken === token) {
        this.dropSession(endedOf(error));
      }
      if (isAppError(error) && error.code === "NOT_FOUND") this.statusUnsupported = true;
      // Unreachable right now: the next check, or the next call the page makes, will tell.
    }
  }

  private dropSession(ended?: SessionEndedDetails): void {
    this.cancelStatusWatch?.();
    this.cancelStatusWatch = undefined;
    this.sessionToken = undefined;
    this.sessionInfo = undefined;
    this.loginUserId = undefined;
    this.locked = false;
    this.lastEnded = ended;
    this.onSessionChanged(this.view());
  }
}

/** Why the server said the session ended, when it said (SESSION_EXPIRED carries a reason). */
function endedOf(error: AppError): SessionEndedDetails | undefined {
  const parsed = sessionEndedDetailsSchema.safeParse(error.details);
  return parsed.success ? parsed.data : undefined;
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
