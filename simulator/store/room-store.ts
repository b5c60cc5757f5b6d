import { type Role } from "../../shared/phases.js";
import { type AuditEvent } from "../../shared/wire/control.js";

/** A user of the room as the trainer's view needs them. */
export interface RoomTraineeRecord {
  userKey: string;
  userId: string;
  displayName: string;
  role: Role;
  participant: string;
  participantName: string;
  hasSmartcard: boolean;
  createdAt: number;
  /** The end of a lock in force at the time asked, or null. */
  lockedUntil: number | null;
  /** Whether a session of theirs is alive at the time asked. */
  signedIn: boolean;
  /** The state of their newest sign-in, when it is still in progress; null otherwise. */
  loginState: string | null;
  /** Their latest event of their own (not the trainer's or HKEX's about them): its ID, simulated and real time. */
  lastId: number;
  /** How many events of their own there are (an event committed late changes it, if not the latest ID). */
  ownEvents: number;
  lastAt: number;
  lastRealAt: number | null;
}

/** The trainer's view of the room: who has tried since a mark, and starting one trainee over. */
export interface RoomStore {
  /**
   * Every known user with a password attempt (right or wrong) recorded after audit event `sinceId`,
   * with their lock, session and sign-in step at `now` (a session idle for `idleMs` is over).
   */
  trainees(sinceId: number, now: number, idleMs: number): Promise<RoomTraineeRecord[]>;
  /** The newest event of `kind` (the mark of the last start over), or null. */
  lastOf(kind: string): Promise<AuditEvent | null>;
  /** Every event of `kinds`, whoever it is about, oldest first (at most `limit`, the newest). */
  eventsOfKinds(kinds: readonly string[], limit: number): Promise<AuditEvent[]>;
  /** The events of `kinds` of these users (normalized IDs), oldest first. */
  eventsOf(userKeys: readonly string[], kinds: readonly string[]): Promise<AuditEvent[]>;
  /**
   * Forgets one user's practice: their sign-ins in progress (and codes), failures and lock, mail, and
   * audit events, with the email registrations they made as a DA (`by <userKey>:` in the detail).
   */
  forget(userKey: string): Promise<void>;
}
