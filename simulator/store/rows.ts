import { type ClearingHouse, type Role } from "../../shared/phases.js";
import { type AuthnState } from "../../shared/wire/authn-states.js";
import { type Factor } from "../../shared/wire/authn.js";
import { type CheckStepId } from "../../shared/wire/check-report.js";
import { type AuditEvent, type MailMessage } from "../../shared/wire/control.js";
import { type RevocationReason } from "../../shared/wire/session.js";
import {
  type BoardUserRecord,
  type LatestPcResult,
  type LoginRecord,
  type NewLogin,
  type PcResultRecord,
  type SessionRecord,
  type SignInRecord,
  type UserRecord,
} from "./storage.js";

/**
 * Rows as both adapters read them: the same column names; a flag is SQLite's 0/1 or
 * PostgreSQL's boolean, a BLOB a Uint8Array or a Buffer.
 */
/** A boolean column: SQLite answers 0 or 1, PostgreSQL true or false. */
export type Flag = number | boolean;
export const isSet = (flag: Flag): boolean => flag === true || flag === 1;

/** A view of a BLOB as a Buffer, without copying it. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export interface UserRow {
  user_key: string;
  user_id: string;
  display_name: string;
  role: Role;
  participant: string;
  participant_name: string;
  clearing_house: ClearingHouse;
  email: string | null;
  has_smartcard: Flag;
  created_at: number;
  password_hash: string;
  password_changed_at: number;
  password_expired: Flag;
}

export function userFromRow(row: UserRow): UserRecord {
  return {
    userKey: row.user_key,
    userId: row.user_id,
    displayName: row.display_name,
    role: row.role,
    participant: row.participant,
    participantName: row.participant_name,
    clearingHouse: row.clearing_house,
    email: row.email,
    hasSmartcard: isSet(row.has_smartcard),
    createdAt: row.created_at,
    passwordHash: row.password_hash,
    passwordChangedAt: row.password_changed_at,
    passwordExpired: isSet(row.password_expired),
  };
}

export interface LoginRow {
  id: number;
  user_key: string;
  state: AuthnState;
  factors: string;
  created_at: number;
  expires_at: number;
  finished: Flag;
  otp_hash: Uint8Array | null;
  otp_expires_at: number | null;
  otp_attempts: number;
  otp_void: Flag;
  otp_sent_at: number | null;
  resends_used: number;
  otp_sending_since: number | null;
}

export function loginFromRow(row: LoginRow): LoginRecord {
  return {
    id: row.id,
    userKey: row.user_key,
    state: row.state,
    factors: JSON.parse(row.factors) as Factor[],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    finished: isSet(row.finished),
    otpHash: row.otp_hash === null ? null : asBuffer(row.otp_hash),
    otpExpiresAt: row.otp_expires_at,
    otpAttempts: row.otp_attempts,
    otpVoid: isSet(row.otp_void),
    otpSentAt: row.otp_sent_at,
    resendsUsed: row.resends_used,
    otpSendingSince: row.otp_sending_since,
  };
}

/** A login just stored, as `find` would read it (but for its id). */
export function loginOfNew(login: NewLogin): Omit<LoginRecord, "id"> {
  return {
    userKey: login.userKey,
    state: login.state,
    factors: [...login.factors],
    createdAt: login.createdAt,
    expiresAt: login.expiresAt,
    finished: false,
    otpHash: login.otp?.otpHash ?? null,
    otpExpiresAt: login.otp?.otpExpiresAt ?? null,
    otpAttempts: 0,
    otpVoid: false,
    otpSentAt: login.otp?.otpSentAt ?? null,
    resendsUsed: 0,
    otpSendingSince: null,
  };
}

export interface SessionRow {
  user_key: string;
  auth_method: Factor;
  issued_at: number;
  last_seen_at: number;
  absolute_expires_at: number;
  revoked_at: number | null;
  end_reason: RevocationReason | null;
}

export function sessionFromRow(row: SessionRow): SessionRecord {
  return {
    userKey: row.user_key,
    authMethod: row.auth_method,
    issuedAt: row.issued_at,
    lastSeenAt: row.last_seen_at,
    absoluteExpiresAt: row.absolute_expires_at,
    revokedAt: row.revoked_at,
    endReason: row.end_reason,
  };
}

export interface OutboxRow {
  to_address: string;
  subject: string;
  text: string;
  html: string | null;
  otp: string | null;
  sent_at: number;
  status: "delivered" | "failed";
}

export const outboxColumns = "to_address, subject, text, html, otp, sent_at, status";

export function messageFromRow(row: OutboxRow): MailMessage {
  const message: MailMessage = {
    to: row.to_address,
    subject: row.subject,
    text: row.text,
    otp: row.otp,
    sentAt: new Date(row.sent_at).toISOString(),
    status: row.status,
  };
  if (row.html !== null) message.html = row.html;
  return message;
}

export interface AuditTableRow {
  id: number;
  at: number;
  user_id: string | null;
  event: string;
  method: string;
  outcome: string;
  client_address: string | null;
  detail: string | null;
  real_at: number | null;
}

export function auditEventFromRow(row: AuditTableRow): AuditEvent {
  return {
    id: row.id,
    at: new Date(row.at).toISOString(),
    userId: row.user_id,
    event: row.event,
    method: row.method,
    outcome: row.outcome,
    clientAddress: row.client_address,
    detail: row.detail,
    realAt: row.real_at === null ? null : new Date(row.real_at).toISOString(),
  };
}

export interface BoardUserRow {
  user_id: string;
  display_name: string;
  role: Role;
  email: string | null;
  has_smartcard: Flag;
  locked_until: number | null;
  first_2fa: number | null;
  last_2fa: number | null;
  last_card: number | null;
  failures: number;
}

/** The later of the last sign-ins with each method. */
function lastSignInOf(last2fa: number | null, lastCard: number | null): SignInRecord | null {
  if (last2fa === null && lastCard === null) return null;
  return lastCard !== null && (last2fa === null || lastCard > last2fa)
    ? { at: lastCard, method: "smartcard" }
    : { at: last2fa ?? 0, method: "otp" };
}

export function boardUserFromRow(row: BoardUserRow): BoardUserRecord {
  return {
    userId: row.user_id,
    displayName: row.display_name,
    role: row.role,
    email: row.email,
    hasSmartcard: isSet(row.has_smartcard),
    lockedUntil: row.locked_until,
    first2faAt: row.first_2fa,
    last2faAt: row.last_2fa,
    lastSignIn: lastSignInOf(row.last_2fa, row.last_card),
    failuresSinceLastSignIn: row.failures,
  };
}

export interface LatestPcRow {
  participant: string;
  pc_name: string;
  status: PcResultRecord["status"];
  started_at: number;
  failing_step: CheckStepId | null;
  target: string;
  source: PcResultRecord["source"];
  file_name: string | null;
  submitted_by: string;
  submitted_at: number;
  result_count: number;
}

export function latestPcFromRow(row: LatestPcRow): LatestPcResult {
  return {
    participant: row.participant,
    pcName: row.pc_name,
    status: row.status,
    startedAt: row.started_at,
    failingStep: row.failing_step,
    target: row.target,
    source: row.source,
    fileName: row.file_name,
    submittedBy: row.submitted_by,
    submittedAt: row.submitted_at,
    resultCount: row.result_count,
  };
}
