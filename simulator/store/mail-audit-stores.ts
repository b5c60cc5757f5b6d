import { type Factor } from "../../shared/wire/authn.js";
import { type AuditEvent, type MailMessage } from "../../shared/wire/control.js";

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
