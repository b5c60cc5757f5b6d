import type { AxiosInstance } from "axios";
import { z } from "zod";
import type { SessionView } from "../../../shared/contract/auth.js";
import { SERVER_CLOCK_DRIFT_MS } from "../../../shared/server-clock.js";
import { type ErrorCode, AppError, isAppError } from "../../../shared/errors.js";
import { API_PREFIX, sessionResponseSchema, type SessionInfo } from "../../../shared/wire/authn.js";
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

export interface SignedInSessionDeps {
  http: AxiosInstance;
  clock: () => Date;
  /** Told whenever the session appears, is locked or unlocked, moves, ends, or is found gone on the server. */
  onChanged: (view: SessionView) => void;
  /** Runs `task` after `ms`; returns a cancel function. */
  setTimer: (ms: number, task: () => void) => () => void;
  /** How often the session's state is asked of the server (without extending it). */
  statusEveryMs: number;
}

/** Server errors meaning the session is gone. */
const sessionGone: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "SESSION_EXPIRED",
  "UNAUTHORIZED",
  "NOT_SIGNED_IN",
]);

const okSchema = z.unknown();

/**
 * Keeping the signed-in session, once a sign-in succeeded: its token (in memory only), what the
 * server says of it (asked every few seconds without extending it, so an end the server decided
 * reaches the page with its reason), the terminal's lock, the requests made as the user, and the
 * user's recent sign-ins.
 */
export class SignedInSession {
  private token: string | undefined;
  private info: SessionInfo | undefined;
  /** The terminal is locked: the session's data calls are refused until the password unlocks it. */
  private locked = false;
  /** Why the last session ended, until the next sign-in (a page that missed the event can still say why). */
  private lastEnded: SessionEndedDetails | undefined;
  /** Server time minus local time, from the session's issue time (a simulator's clock may be far off). */
  private serverOffsetMs = 0;
  private cancelStatusWatch: (() => void) | undefined;
  /** The server has no status route (a 2FA server other than the simulator): the watch stops. */
  private statusUnsupported = false;

  constructor(private readonly deps: SignedInSessionDeps) {}

  get active(): boolean {
    return this.token !== undefined;
  }

  /** The signed-in user's ID, if there is a session. */
  get userId(): string | undefined {
    return this.info?.userId;
  }

  /** The signed-in user's participant, for requests about it; NOT_SIGNED_IN without a session. */
  get participant(): string {
    this.require();
    return this.info?.participant ?? "";
  }

  /** A sign-in succeeded: its session becomes the one kept, unlocked, and watched. */
  start(token: string, info: SessionInfo): void {
    this.token = token;
    this.info = info;
    this.locked = false;
    this.lastEnded = undefined;
    this.serverOffsetMs = Date.parse(info.issuedAt) - this.deps.clock().getTime();
    this.watchStatus(token);
    this.deps.onChanged(this.view());
  }

  /**
   * The session as the server sees it now (which extends its idle time); null when there is none.
   * While the terminal is locked the server is not asked until the session should have ended.
   */
  async refresh(): Promise<SessionView> {
    const token = this.token;
    if (token === undefined) return this.view();
    const serverNow = this.serverNow();
    if (this.info && Date.parse(this.info.absoluteExpiresAt) <= serverNow) {
      this.drop({ reason: "absolute" });
      return this.view();
    }
    if (this.locked && this.info && Date.parse(this.info.idleExpiresAt) > serverNow) return this.view();
    try {
      const body = await requestJson(
        this.deps.http,
        { method: "GET", url: `${API_PREFIX}/session`, bearer: token },
        sessionResponseSchema,
      );
      // Signed out (or in again) while the answer was on its way: that answer is about a session gone.
      if (this.token !== token) return this.view();
      this.info = body.session;
      return this.view();
    } catch (error) {
      if (isAppError(error) && sessionGone.has(error.code)) {
        if (this.token === token) this.drop(endedOf(error));
        return this.view();
      }
      throw error;
    }
  }

  /** What the page may know of the session now, without asking the server. */
  view(): SessionView {
    const ended = this.info === undefined ? this.lastEnded : undefined;
    return {
      session: this.info ?? null,
      locked: this.info !== undefined && this.locked,
      ...(ended === undefined ? {} : { ended }),
      serverTime: new Date(this.serverNow()).toISOString(),
    };
  }

  /** Locks the terminal: the page shows the lock screen, and the session's data calls are refused. */
  lock(): SessionView {
    this.require();
    if (!this.locked) {
      this.locked = true;
      this.deps.onChanged(this.view());
    }
    return this.view();
  }

  /**
   * Unlocks with the user's password, checked by the server (a wrong one counts towards the lockout,
   * and a lockout ends the session: SESSION_EXPIRED with its reason).
   */
  async unlock(password: string): Promise<SessionView> {
    const token = this.require();
    try {
      const body = await requestJson(
        this.deps.http,
        { method: "POST", url: REAUTHENTICATE_PATH, data: { password }, bearer: token },
        reauthenticateResponseSchema,
      );
      if (this.token !== token) return this.view();
      this.info = body.session;
      this.locked = false;
      this.deps.onChanged(this.view());
      return this.view();
    } catch (error) {
      if (isAppError(error) && sessionGone.has(error.code)) {
        const ended = endedOf(error);
        if (this.token === token) this.drop(ended);
        throw new AppError("SESSION_EXPIRED", error.message, ended);
      }
      throw error;
    }
  }

  /** The user's sign-in before this session and the failed attempts since. */
  recentSignIns(): Promise<RecentSignIns> {
    return this.request({ method: "GET", url: SIGN_INS_PATH }, recentSignInsSchema);
  }

  /** Revokes the session on the server. Idempotent: signing out twice is fine. */
  async signOut(): Promise<{ ok: true }> {
    const token = this.token;
    if (token === undefined) return { ok: true };
    try {
      await requestJson(
        this.deps.http,
        { method: "DELETE", url: `${API_PREFIX}/session`, bearer: token },
        okSchema,
      );
    } catch (error) {
      if (!(isAppError(error) && sessionGone.has(error.code))) throw error;
    }
    this.drop({ reason: "signed-out" });
    return { ok: true };
  }

  /**
   * A request made as the signed-in user (the Delegated Administrator's functions, for instance):
   * sends the session token as the bearer and checks the answer against `schema`. The token never
   * leaves the main process. A session the server no longer knows ends here, as on any other call.
   * Refused while locked.
   */
  async request<S extends z.ZodType>(request: Omit<JsonRequest, "bearer">, schema: S): Promise<z.output<S>> {
    const token = this.require();
    if (this.locked) {
      throw new AppError("SESSION_LOCKED", "The terminal is locked. Unlock it with your password first.");
    }
    try {
      return await requestJson(this.deps.http, { ...request, bearer: token }, schema);
    } catch (error) {
      if (isAppError(error) && sessionGone.has(error.code)) {
        const ended = endedOf(error);
        if (this.token === token) this.drop(ended);
        throw new AppError("SESSION_EXPIRED", "Your session has ended. Sign in again.", ended);
      }
      throw error;
    }
  }

  /** Forgets the session (and stops watching it), saying why when it is known. */
  drop(ended?: SessionEndedDetails): void {
    this.cancelStatusWatch?.();
    this.cancelStatusWatch = undefined;
    this.token = undefined;
    this.info = undefined;
    this.locked = false;
    this.lastEnded = ended;
    this.deps.onChanged(this.view());
  }

  private require(): string {
    const token = this.token;
    if (token === undefined) {
      throw new AppError("NOT_SIGNED_IN", "You are not signed in. Sign in first, then try again.");
    }
    return token;
  }

  private serverNow(): number {
    return this.deps.clock().getTime() + this.serverOffsetMs;
  }

  /**
   * Asks the server every few seconds how the session stands, without extending it, so the page hears
   * at once of an end the server decided (with its reason), of an expiry moved by other calls, and of a
   * server clock that moved (a simulator's).
   */
  private watchStatus(token: string): void {
    this.cancelStatusWatch?.();
    if (this.statusUnsupported) return;
    this.cancelStatusWatch = this.deps.setTimer(this.deps.statusEveryMs, () => {
      this.cancelStatusWatch = undefined;
      void this.checkStatus(token).finally(() => {
        if (this.token === token && this.cancelStatusWatch === undefined) this.watchStatus(token);
      });
    });
  }

  private async checkStatus(token: string): Promise<void> {
    try {
      const body = await requestJson(
        this.deps.http,
        { method: "GET", url: SESSION_STATUS_PATH, bearer: token },
        sessionStatusResponseSchema,
      );
      if (this.token !== token) return;
      const offset = Date.parse(body.serverTime) - this.deps.clock().getTime();
      const moved =
        Math.abs(offset - this.serverOffsetMs) > SERVER_CLOCK_DRIFT_MS ||
        body.session.idleExpiresAt !== this.info?.idleExpiresAt ||
        body.session.absoluteExpiresAt !== this.info.absoluteExpiresAt;
      this.serverOffsetMs = offset;
      this.info = body.session;
      if (moved) this.deps.onChanged(this.view());
    } catch (error) {
      if (isAppError(error) && sessionGone.has(error.code) && this.token === token) {
        this.drop(endedOf(error));
      }
      if (isAppError(error) && error.code === "NOT_FOUND") this.statusUnsupported = true;
      // Unreachable right now: the next check, or the next call the page makes, will tell.
    }
  }
}

/** Why the server said the session ended, when it said (SESSION_EXPIRED carries a reason). */
function endedOf(error: AppError): SessionEndedDetails | undefined {
  const parsed = sessionEndedDetailsSchema.safeParse(error.details);
  return parsed.success ? parsed.data : undefined;
}
