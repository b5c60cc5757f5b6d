import { type ClearingHouse, type Phase, type Role } from "../../shared/phases.js";
import { type AuthnState } from "../../shared/wire/authn-states.js";
import { type Factor } from "../../shared/wire/authn.js";
import { type CheckStepId } from "../../shared/wire/check-report.js";
import { type AuditEvent, type MailMessage } from "../../shared/wire/control.js";
import { type ChosenMoment } from "../../shared/wire/rehearsal.js";
import { type RevocationReason } from "../../shared/wire/session.js";

/**
 * The simulator's storage, as its features see it: one interface, two adapters. SQLite
 * (`sqlite/`) is the embedded default, one process; PostgreSQL (`postgres/`) is shared by any
 * number of instances. Everything that must agree across instances is here, never in a
 * process's memory: users, logins, sessions, lockouts, codes, mail, audit, smartcard
 * challenges, the per-address rate limit and the control state (clock, pinned phase, faults,
 * scenario, the trainer's moment and situation, the control token).
 *
 * Every operation that decides something (a failure that locks, a code used once, a login
 * finished) is one atomic step in the database, so two instances racing get one winner.
 */
export interface Storage {
  readonly kind: "sqlite" | "postgres";
  readonly users: UserStore;
  readonly lockouts: LockoutStore;
  readonly logins: LoginStore;
  readonly sessions: SessionStore;
  readonly outbox: OutboxStore;
  readonly audit: AuditStore;
  readonly challenges: ChallengeStore;
  readonly control: ControlStore;
  readonly meta: MetaStore;
  /** Terminal PCs' connectivity results and the participant's users, for the readiness board. */
  readonly readiness: ReadinessStore;
  /** The shared per-address rate limit; null where the process is the only instance (a memory store does). */
  readonly rateLimits: RateLimitStore | null;
  /** When an answer may leave: after every write it may report is committed (see commit-before-answer). */
  readonly commits: CommitBarrier;
  /**
   * Empties users, logins, lockouts, mail, challenges, PCs' results and (unless `keepAudit`) the audit
   * log. Sessions stay: `sessions.endAll` ends them first, so that their holders learn why.
   */
  clear(options?: { keepAudit?: boolean }): Promise<void>;
  /** Resolves when the database answers and its schema is the one this build expects; throws otherwise. */
  ready(): Promise<{ schemaVersion: number }>;
  /** Commits what is pending and closes the connections. */
  close(): Promise<void>;
}

/** Tells the HTTP layer whether the writes an answer may report are durable. */
export interface CommitBarrier {
  /** A number a request notes on arrival, to ask `lostSince` about the writes made after it. */
  readonly group: number;
  /** Calls back once every write made so far is committed (null), or with the error that lost some. */
  afterCommit(settled: (error: Error | null) => void): void;
  /** The error that lost a write made at or after `group`, or null when none was lost. */
  lostSince(group: number): Error | null;
}

export interface UserRecord {
  userKey: string;
  userId: string;
  displayName: string;
  role: Role;
  participant: string;
  participantName: string;
  clearingHouse: ClearingHouse;
  email: string | null;
  hasSmartcard: boolean;
  createdAt: number;
  passwordHash: string;
  passwordChangedAt: number;
  passwordExpired: boolean;
}

export interface UserStore {
  find(userId: string): Promise<UserRecord | undefined>;
  list(): Promise<UserRecord[]>;
  listByParticipant(participant: string): Promise<UserRecord[]>;
  /** Inserts a user; false when the ID is taken. */
  create(user: Omit<UserRecord, "userKey">): Promise<boolean>;
  changePassword(userKey: string, passwordHash: string, at: number): Promise<void>;
  setEmail(userKey: string, email: string | null): Promise<void>;
  /** The hashes of the user's most recent passwords, the current one first. */
  passwordHistory(userKey: string, count: number): Promise<string[]>;
}

/** What one more wrong password did: counted, locked the account now, or met a lock already in force. */
export type FailureOutcome =
  { kind: "counted" } | { kind: "locked"; until: number } | { kind: "already-locked"; until: number };

export interface LockoutRule {
  windowMs: number;
  threshold: number;
  lockMs: number;
}

/**
 * Failed-password counting and lockout, keyed by the normalized user ID whether or not such a
 * user exists, so a lockout tells nothing about existence.
 */
export interface LockoutStore {
  /** The end of a lock in force at `now`, or null. */
  lockedUntil(userKey: string, now: number): Promise<number | null>;
  /** One atomic step per user: a lock in force is reported, else the failure counts and may lock. */
  recordFailure(userKey: string, now: number, rule: LockoutRule): Promise<FailureOutcome>;
  clearFailuresOf(userKey: string): Promise<void>;
  /** After a right password: the lock in force, or null once the user's failures are cleared. */
  admit(userKey: string, now: number): Promise<number | null>;
  /** Locks the account until `until`, whatever its failures (a DA's lock). */
  lock(userKey: string, until: number): Promise<void>;
  unlock(userKey: string): Promise<void>;
}

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
  /** Stores a new login and returns it as `find` would. */
  create(login: NewLogin): Promise<LoginRecord>;
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

export interface OutboxEntry {
  to: string;
  userId: string | null;
  subject: string;
  text: string;
  html: string | null;
  otp: string | null;
  sentAt: number;
  status: "delivered" | "failed";
  error: string | null;
}

/** The simulated mailbox: every message the simulator sent (or failed to send). */
export interface OutboxStore {
  record(entry: OutboxEntry): Promise<void>;
  /** Oldest first; the most recent `limit` messages (all when negative). Addresses match in any case. */
  forAddress(address: string, limit?: number): Promise<MailMessage[]>;
  /** By normalized user ID; oldest first. */
  forUser(userKey: string, limit?: number): Promise<MailMessage[]>;
}

/** One audit line as stored: `at` simulated, `realAt` the computer's own time; user IDs normalized. */
export interface AuditRow {
  at: number;
  realAt: number;
  userId: string | null;
  event: string;
  method: string;
  outcome: string;
  clientAddress: string | null;
  detail: string | null;
}

/** Which events to list: all, or one user's (normalized), or one kind's, or both. */
export interface AuditFilter {
  userId?: string | undefined;
  event?: string | undefined;
}

export interface AuditStore {
  /**
   * Appends a line. It returns at once; the line is committed before any answer leaves (the
   * commit barrier waits for it), and a line that could not be written fails those answers.
   */
  append(row: AuditRow): void;
  /** Oldest first, the most recent `limit` events. */
  list(filter: AuditFilter, limit: number): Promise<AuditEvent[]>;
  /** The user's last successful sign-in before `before`, from the log. */
  lastSignIn(userKey: string, before: number): Promise<SignInRecord | null>;
  /** The user's failed attempts after `since` (see `failedAttemptSql`), and when the last was. */
  failuresSince(userKey: string, since: number): Promise<{ count: number; lastAt: number | null }>;
}

/** A successful sign-in, from the audit log. */
export interface SignInRecord {
  at: number;
  method: Factor;
}

/** One terminal PC's connectivity result on its participant's readiness board. */
export interface PcResultRecord {
  participant: string;
  pcName: string;
  status: "pass" | "warn" | "fail";
  startedAt: number;
  failingStep: CheckStepId | null;
  target: string;
  source: "app" | "upload";
  fileName: string | null;
  submittedBy: string;
  submittedAt: number;
  /** The report's JSON text, as received. */
  report: string;
}

/** A PC's latest result and how many it has. */
export interface LatestPcResult extends Omit<PcResultRecord, "report"> {
  resultCount: number;
}

/** A user of the participant as the readiness board shows them, sign-ins read from the audit log. */
export interface BoardUserRecord {
  userId: string;
  displayName: string;
  role: Role;
  email: string | null;
  hasSmartcard: boolean;
  /** The end of a lock in force at the time asked, or null. */
  lockedUntil: number | null;
  first2faAt: number | null;
  last2faAt: number | null;
  lastSignIn: SignInRecord | null;
  failuresSinceLastSignIn: number;
}

/** A participant's readiness data: its terminal PCs' results, and its users with their sign-ins. */
export interface ReadinessStore {
  /** Every user of the participant, by user ID, with the locks in force at `now`. */
  boardUsers(participant: string, now: number): Promise<BoardUserRecord[]>;
  /**
   * Stores a result, unless the PC (by name in any case) has one for a check started within
   * `duplicateWindowMs` of it: one atomic step, so the same report sent twice at once is stored once.
   */
  addPcResult(result: PcResultRecord, duplicateWindowMs: number): Promise<boolean>;
  /** Each PC's latest result (by the time its check started). */
  latestPcResults(participant: string): Promise<LatestPcResult[]>;
  countPcResults(participant: string): Promise<number>;
}

/** Smartcard challenges waiting for a card's signature, one per login. */
export interface ChallengeStore {
  put(loginKey: Buffer, nonce: Buffer, expiresAt: number): Promise<void>;
  /** The login's challenge, removed as it is read: each works once, whichever instance asks. */
  take(loginKey: Buffer): Promise<{ nonce: Buffer; expiresAt: number } | undefined>;
}

/** Secrets made once per database (the OTP HMAC key; the CA where the database keeps it). */
export interface MetaStore {
  /** The value under `key`; `create` makes it when absent, and whoever asks first wins. */
  getOrCreate(key: string, create: () => string | Promise<string>): Promise<string>;
}

/** The faults in force (see features/faults). */
export interface FaultSettings {
  latencyMs: number;
  failRate: number;
  mailDelayMs: number;
  dropMail: boolean;
}

/** The control state every instance obeys. */
export interface ControlSnapshot {
  clockOffsetMs: number;
  pinnedPhase: Phase | null;
  faults: FaultSettings;
  /** The trainer's chosen moment and situation. */
  moment: ChosenMoment | null;
  situation: string | null;
  /** The start-up scenario (its JSON), applied again after each reset. */
  scenario: string | null;
  /** Bearer token of the control API. */
  controlToken: string | null;
  /** Counts resets: work scheduled before one (a delayed mail) is dropped by it. */
  generation: number;
  /** Counts changes: a reader keeps the newest state it has seen. */
  revision: number;
}

export type ControlPatch = Partial<Omit<ControlSnapshot, "generation" | "revision">>;

export interface ControlStore {
  /** Whether other processes may change it (then each request reads it afresh). */
  readonly shared: boolean;
  load(): Promise<ControlSnapshot>;
  /** Changes the fields given and answers the whole state. */
  update(patch: ControlPatch): Promise<ControlSnapshot>;
  /** Real time, no pin, no faults, no moment or situation; the scenario and token stay; generation + 1. */
  reset(): Promise<ControlSnapshot>;
  /** Sets the token unless one is set already (`force` replaces it); answers the one in force. */
  claimToken(token: string, force: boolean): Promise<string>;
}

/** Hits counted per key and window, shared by every instance. */
export interface RateLimitStore {
  /** Counts one hit; answers the hits in the current window and when it ends. */
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
}

/** A database that cannot be reached (down, restarting): the answer is 503 with Retry-After. */
export class StorageUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`the database cannot be reached: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "StorageUnavailableError";
  }
}

export const noFaultSettings: FaultSettings = { latencyMs: 0, failRate: 0, mailDelayMs: 0, dropMail: false };

export function initialControl(): ControlSnapshot {
  return {
    clockOffsetMs: 0,
    pinnedPhase: null,
    faults: { ...noFaultSettings },
    moment: null,
    situation: null,
    scenario: null,
    controlToken: null,
    generation: 0,
    revision: 0,
  };
}
