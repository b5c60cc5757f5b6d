import { type AuthnState } from "../../../shared/wire/authn-states.js";
import { type Factor } from "../../../shared/wire/authn.js";
import { type Db } from "../sqlite.js";
import { type GroupCommit, groupCommitOf } from "../group-commit.js";
import { type LoginRow, loginFromRow as fromRow, loginOfNew, type UserRow, userFromRow } from "../rows.js";
import {
  RowTakenError,
  type LoginRecord,
  type LoginStore,
  type NewLogin,
  type OtpIssue,
  type UserRecord,
} from "../storage.js";

/** Which login an ending is for, and the code it must still have (null: any). */
interface Ending {
  id: number;
  otpHash: Buffer | null;
}

export class SqliteLoginStore implements LoginStore {
  private readonly byHash;
  private readonly userByKey;
  private readonly insert;
  private readonly setStateStmt;
  private readonly setOtpStmt;
  private readonly resendStmt;
  private readonly attemptStmt;
  private readonly finishStmt;
  private readonly finishableStmt;
  private readonly claimStmt;
  private readonly releaseStmt;
  private readonly pruneStmt;
  private readonly writes: GroupCommit;

  constructor(private readonly db: Db) {
    this.writes = groupCommitOf(db);
    this.byHash = db.prepare<[Buffer], LoginRow>("SELECT * FROM logins WHERE token_hash = ?");
    this.userByKey = db.prepare<[string], UserRow>("SELECT * FROM users WHERE user_key = ?");
    this.insert = db.prepare(
      `INSERT INTO logins (token_hash, user_key, state, factors, created_at, expires_at, otp_hash, otp_expires_at, otp_sent_at)
       VALUES (@tokenHash, @userKey, @state, @factors, @createdAt, @expiresAt, @otpHash, @otpExpiresAt, @otpSentAt)`,
    );
    this.setStateStmt = db.prepare("UPDATE logins SET state = ?, factors = ? WHERE id = ?");
    this.setOtpStmt = db.prepare(
      `UPDATE logins SET state = 'OTP_REQUIRED', otp_hash = ?, otp_expires_at = ?, otp_sent_at = ?,
         otp_attempts = 0, otp_void = 0, otp_sending_since = NULL WHERE id = ?`,
    );
    this.claimStmt = db.prepare(
      `UPDATE logins SET otp_sending_since = ?
       WHERE id = ? AND finished = 0 AND (otp_sending_since IS NULL OR otp_sending_since < ?)`,
    );
    this.releaseStmt = db.prepare("UPDATE logins SET otp_sending_since = NULL WHERE id = ?");
    this.resendStmt = db.prepare("UPDATE logins SET resends_used = resends_used + 1 WHERE id = ?");
    this.attemptStmt = db.prepare<[number, number, Buffer], { otp_attempts: number; otp_void: number }>(
      `UPDATE logins SET otp_attempts = otp_attempts + 1,
         otp_void = CASE WHEN otp_attempts + 1 >= ? THEN 1 ELSE 0 END
       WHERE id = ? AND finished = 0 AND otp_void = 0 AND otp_hash = ?
       RETURNING otp_attempts, otp_void`,
    );
    // A login not yet finished; with a code, only while that code is its live one.
    const endable =
      "id = @id AND finished = 0 AND (@otpHash IS NULL OR (otp_void = 0 AND otp_hash = @otpHash))";
    this.finishStmt = db.prepare(
      `UPDATE logins SET finished = 1, state = @state, otp_hash = NULL WHERE ${endable}`,
    );
    this.finishableStmt = db.prepare<[Ending], { id: number }>(`SELECT id FROM logins WHERE ${endable}`);
    this.pruneStmt = db.prepare("DELETE FROM logins WHERE expires_at < ?");
  }

  async find(tokenHash: Buffer): Promise<LoginRecord | undefined> {
    const row = this.byHash.get(tokenHash);
    return row === undefined ? undefined : fromRow(row);
  }

  async findWithUser(
    tokenHash: Buffer,
  ): Promise<{ login: LoginRecord; user: UserRecord | undefined } | undefined> {
    const row = this.byHash.get(tokenHash);
    if (row === undefined) return undefined;
    const user = this.userByKey.get(row.user_key);
    return { login: fromRow(row), user: user === undefined ? undefined : userFromRow(user) };
  }

  async create(login: NewLogin): Promise<Omit<LoginRecord, "id">> {
    this.writes.open();
    this.insert.run({
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
    return loginOfNew(login);
  }

  async setState(id: number, state: AuthnState, factors: Factor[]): Promise<void> {
    this.writes.open();
    this.setStateStmt.run(state, JSON.stringify(factors), id);
  }

  async claimSend(id: number, realNow: number, staleBefore: number): Promise<boolean> {
    this.writes.open();
    return Number(this.claimStmt.run(realNow, id, staleBefore).changes) > 0;
  }

  async releaseSend(id: number): Promise<void> {
    this.writes.open();
    this.releaseStmt.run(id);
  }

  async setOtp(id: number, otp: OtpIssue, countsAsResend: boolean): Promise<void> {
    this.writes.open();
    this.db.transaction(() => {
      this.setOtpStmt.run(otp.otpHash, otp.otpExpiresAt, otp.otpSentAt, id);
      if (countsAsResend) this.resendStmt.run(id);
    });
  }

  async recordWrongOtp(
    id: number,
    otpHash: Buffer,
    maxAttempts: number,
  ): Promise<{ attempts: number; void: boolean } | null> {
    this.writes.open();
    const row = this.attemptStmt.get(maxAttempts, id, otpHash);
    return row === undefined ? null : { attempts: row.otp_attempts, void: row.otp_void === 1 };
  }

  async finish(id: number, state: AuthnState, otpHash?: Buffer): Promise<boolean> {
    this.writes.open();
    return Number(this.finishStmt.run({ id, state, otpHash: otpHash ?? null }).changes) > 0;
  }

  async finishOrAbort(id: number, state: AuthnState, otpHash?: Buffer): Promise<void> {
    // Looked at first, in the same synchronous step as the write: a login that is not the caller's to end
    // costs its transaction no write, so the failure undoes nothing that others wrote in the same group.
    if (this.finishableStmt.get({ id, otpHash: otpHash ?? null }) === undefined) throw new RowTakenError();
    await this.finish(id, state, otpHash);
  }

  async prune(before: number): Promise<void> {
    this.writes.open();
    this.pruneStmt.run(before);
  }
}
