import { type AuthnState } from "../../shared/wire/authn-states.js";
import { type Factor } from "../../shared/wire/authn.js";
import { type RevocationReason } from "../../shared/wire/session.js";
import { type UserRecord } from "./account-stores.js";

/** A login in progress, keyed by the hash of its state token. */
export interface LoginRecord {
  id: number;
  userKey: string;
  state: AuthnState;
  factors: Factor[];
  createdAt: number;
  expiresAt: number;
  finished: boolean;
  otpHash: Buffer | null;
  otpExpiresAt: number | null;
  otpAttempts: number;
  otpVoid: boolean;
  otpSentAt: number | null;
  resendsUsed: number;
  /** The computer's time at which a send of a code for this login began, while it is under way. */
  otpSendingSince: number | null;
}

export interface OtpIssue {
  otpHash: Buffer;
  otpExpiresAt: number;
  otpSentAt: number;
}

export interface NewLogin {
  tokenHash: Buffer;
  userKey: string;
  state: AuthnState;
  factors: Factor[];
  createdAt: number;
  expiresAt: number;
  otp?: OtpIssue;
}

export interface LoginStore {
  find(tokenHash: Buffer): Promise<LoginRecord | undefined>;
  /** The login with its user's record (undefined when the user is gone), in one read. */
  findWithUser(tokenHash: Buffer): Promise<{ login: LoginRecord; user: UserRecord | undefined } | undefined>;
  /**
   * Stores a new login and returns it as `find` would, but for its id (find it by its token hash
   * when one is needed): nothing has to come back from the database, so in a transaction the
   * insert goes with the statements after it.
   */
  create(login: NewLogin): Promise<Omit<LoginRecord, "id">>;
  setState(id: number, state: AuthnState, factors: Factor[]): Promise<void>;
  /**
   * Claims the send of a new code: false while another send for the login is under way (begun
   * after `staleBefore`, the computer's time), so two instances never mail two codes at once.
   */
  claimSend(id: number, realNow: number, staleBefore: number): Promise<boolean>;
  /** Lets go of a claim whose send failed. */
  releaseSend(id: number): Promise<void>;
  /** Stores the code just sent (the claim ends with it); a resend counts against the limit. */
  setOtp(id: number, otp: OtpIssue, countsAsResend: boolean): Promise<void>;
  /**
   * Counts a wrong code against the code `otpHash` names: the attempts made and whether the code
   * is void now; null when nothing was counted (the code changed, was voided or the login ended).
   */
  recordWrongOtp(
    id: number,
    otpHash: Buffer,
    maxAttempts: number,
  ): Promise<{ attempts: number; void: boolean } | null>;
  /**
   * Ends a login, once: true for the one caller that ended it. With `otpHash`, only while that
   * code is the login's live one (so a code is good for one SUCCESS, whichever instance asks).
   */
  finish(id: number, state: AuthnState, otpHash?: Buffer): Promise<boolean>;
  /**
   * `finish` for an answer that writes more after it (a session, its audit line): it ends the login or
   * fails with RowTakenError, and the transaction it runs in with it, so nothing of the answer is
   * committed. In a PostgreSQL transaction it waits for no answer of its own: the writes after it and
   * the COMMIT go out with it, one round trip for the whole answer.
   */
  finishOrAbort(id: number, state: AuthnState, otpHash?: Buffer): Promise<void>;
  /** Forgets logins whose state token expired before `before`. */
  prune(before: number): Promise<void>;
}

export interface SessionRecord {
  userKey: string;
  authMethod: Factor;
  issuedAt: number;
  lastSeenAt: number;
  absoluteExpiresAt: number;
  revokedAt: number | null;
  /** Why it was revoked; null while it is not (or for a session revoked before reasons were kept). */
  endReason: RevocationReason | null;
}

export interface SessionStore {
  find(tokenHash: Buffer): Promise<SessionRecord | undefined>;
  /** Stores a new session and returns it as `find` would. */
  create(
    tokenHash: Buffer,
    userKey: string,
    method: Factor,
    now: number,
    absoluteMs: number,
  ): Promise<SessionRecord>;
  touch(tokenHash: Buffer, now: number): Promise<void>;
  revoke(tokenHash: Buffer, now: number, reason: RevocationReason): Promise<void>;
  /** Revokes the user's sessions still alive at `now` (idle for less than `idleMs`); answers how many. */
  revokeAllOf(userKey: string, now: number, idleMs: number, reason: RevocationReason): Promise<number>;
  /**
   * Forgets the sessions that had already ended at `now` and revokes the rest for `reason`, keeping
   * them so that their holders are told why (`clear` leaves sessions alone).
   */
  endAll(now: number, idleMs: number, reason: RevocationReason): Promise<void>;
}

/** Smartcard challenges waiting for a card's signature, one per login. */
export interface ChallengeStore {
  put(loginKey: Buffer, nonce: Buffer, expiresAt: number): Promise<void>;
  /** The login's challenge, removed as it is read: each works once, whichever instance asks. */
  take(loginKey: Buffer): Promise<{ nonce: Buffer; expiresAt: number } | undefined>;
}
