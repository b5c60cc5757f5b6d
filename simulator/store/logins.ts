import { type AuthnState } from "../../shared/wire/authn-states.js";
import { type Factor } from "../../shared/wire/authn.js";
import { type Db } from "./sqlite.js";
import { type GroupCommit, groupCommitOf } from "./group-commit.js";

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
}

interface LoginRow {
  id: number;
  user_key: string;
  state: AuthnState;
  factors: string;
  created_at: number;
  expires_at: number;
  finished: number;
  otp_hash: Uint8Array | null;
  otp_expires_at: number | null;
  otp_attempts: number;
  otp_void: number;
  otp_sent_at: number | null;
  resends_used: number;
}

/** A view of a BLOB as a Buffer, without copying it. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function fromRow(row: LoginRow): LoginRecord {
  return {
    id: row.id,
    userKey: row.user_key,
    state: row.state,
    factors: JSON.parse(row.factors) as Factor[],
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    finished: row.finished === 1,
    otpHash: row.otp_hash === null ? null : asBuffer(row.otp_hash),
    otpExpiresAt: row.otp_expires_at,
    otpAttempts: row.otp_attempts,
    otpVoid: row.otp_void === 1,
    otpSentAt: row.otp_sent_at,
    resendsUsed: row.resends_used,
  };
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

export interface OtpIssue {
  otpHash: Buffer;
  otpExpiresAt: number;
  otpSentAt: number;
}

export class LoginStore {
  private readonly byHash;
  private readonly insert;
  private readonly setStateStmt;
  private readonly setOtpStmt;
  private readonly resendStmt;
  private readonly attemptStmt;
  private readonly finishStmt;
  private readonly pruneStmt;
  private readonly writes: GroupCommit;

  constructor(db: Db) {
    this.writes = groupCommitOf(db);
    this.byHash = db.prepare<[Buffer], LoginRow>("SELECT * FROM logins WHERE token_hash = ?");
    this.insert = db.prepare(
      `INSERT INTO logins (token_hash, user_key, state, factors, created_at, expires_at, otp_hash, otp_expires_at, otp_sent_at)
       VALUES (@tokenHash, @userKey, @state, @factors, @createdAt, @expiresAt, @otpHash, @otpExpiresAt, @otpSentAt)`,
    );
    this.setStateStmt = db.prepare("UPDATE logins SET state = ?, factors = ? WHERE id = ?");
    this.setOtpStmt = db.prepare(
      `UPDATE logins SET state = 'OTP_REQUIRED', otp_hash = ?, otp_expires_at = ?, otp_sent_at = ?,
         otp_attempts = 0, otp_void = 0 WHERE id = ?`,
    );
    this.resendStmt = db.prepare("UPDATE logins SET resends_used = resends_used + 1 WHERE id = ?");
    this.attemptStmt = db.prepare(
      "UPDATE logins SET otp_attempts = otp_attempts + 1, otp_void = ? WHERE id = ?",
    );
    this.finishStmt = db.prepare("UPDATE logins SET finished = 1, state = ?, otp_hash = NULL WHERE id = ?");
    this.pruneStmt = db.prepare("DELETE FROM logins WHERE expires_at < ?");
  }

  find(tokenHash: Buffer): LoginRecord | undefined {
    const row = this.byHash.get(tokenHash);
    return row === undefined ? undefined : fromRow(row);
  }

  /** Stores a new login and returns it as `find` would. */
  create(login: NewLogin): LoginRecord {
    this.writes.open();
    const result = this.insert.run({
      tokenHash: login.tokenHash,
      userKey: login.userKey,
      state: login.state,
      factors: JSON.stringify(login.factors),
      createdAt: login.createdAt,
      expiresAt: login.expiresAt,
      otpHash: login.otp?.otpHash ?? null,
      otpExpiresAt: login.otp?.otpExpiresAt ?? null,
      otpSentAt: login.otp?.otpSentAt ?? null,
    });
    return {
      id: Number(result.lastInsertRowid),
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
    };
  }

  setState(id: number, state: AuthnState, factors: Factor[]): void {
    this.writes.open();
    this.setStateStmt.run(state, JSON.stringify(factors), id);
  }

  setOtp(id: number, otp: OtpIssue, countsAsResend: boolean): void {
    this.writes.open();
    this.setOtpStmt.run(otp.otpHash, otp.otpExpiresAt, otp.otpSentAt, id);
    if (countsAsResend) this.resendStmt.run(id);
  }

  recordWrongOtp(id: number, voidNow: boolean): void {
    this.writes.open();
    this.attemptStmt.run(voidNow ? 1 : 0, id);
  }

  finish(id: number, state: AuthnState): void {
    this.writes.open();
    this.finishStmt.run(state, id);
  }

  /** Forgets logins whose state token expired long ago. */
  prune(before: number): void {
    this.writes.open();
    this.pruneStmt.run(before);
  }
}
