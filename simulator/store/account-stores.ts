import { type ClearingHouse, type Role } from "../../shared/phases.js";

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
