import { type AuthnState } from "../../../shared/wire/authn-states.js";
import { type Factor } from "../../../shared/wire/authn.js";
import { type LoginRow, loginFromRow, loginOfNew, type UserRow, userFromRow } from "../rows.js";
import {
  type LoginRecord,
  type LoginStore,
  type NewLogin,
  type OtpIssue,
  type UserRecord,
} from "../storage.js";
import { rowByKey } from "./keyed-reads.js";
import { type PgQueryable, statement } from "./pg-db.js";

const byHashes = statement("logins-by-hashes", "SELECT * FROM logins WHERE token_hash = ANY($1::bytea[])");
// The user's row as JSON beside the login's columns (the two tables share column names).
const withUsers = statement(
  "logins-with-users",
  `SELECT logins.*, to_jsonb(users) AS user_row FROM logins LEFT JOIN users USING (user_key)
   WHERE token_hash = ANY($1::bytea[])`,
);

type KeyedLoginRow = LoginRow & { token_hash: Buffer };
const insert = statement(
  "logins-insert",
  `INSERT INTO logins (token_hash, user_key, state, factors, created_at, expires_at, otp_hash, otp_expires_at, otp_sent_at)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
);
const setState = statement("logins-state", "UPDATE logins SET state = $1, factors = $2 WHERE id = $3");
const claim = statement(
  "logins-claim",
  `UPDATE logins SET otp_sending_since = $1
   WHERE id = $2 AND NOT finished AND (otp_sending_since IS NULL OR otp_sending_since < $3)`,
);
const release = statement("logins-release", "UPDATE logins SET otp_sending_since = NULL WHERE id = $1");
const setOtp = statement(
  "logins-otp",
  `UPDATE logins SET state = 'OTP_REQUIRED', otp_hash = $1, otp_expires_at = $2, otp_sent_at = $3,
     otp_attempts = 0, otp_void = false, otp_sending_since = NULL,
     resends_used = resends_used + CASE WHEN $4 THEN 1 ELSE 0 END
   WHERE id = $5`,
);
const wrongOtp = statement(
  "logins-wrong-otp",
  `UPDATE logins SET otp_attempts = otp_attempts + 1, otp_void = otp_attempts + 1 >= $1
   WHERE id = $2 AND NOT finished AND NOT otp_void AND otp_hash = $3
   RETURNING otp_attempts, otp_void`,
);
// Ends a login not yet finished; with a code ($3), only while that code is its live one.
const ending = `UPDATE logins SET finished = true, state = $1, otp_hash = NULL
   WHERE id = $2 AND NOT finished AND ($3::bytea IS NULL OR (NOT otp_void AND otp_hash = $3))`;
const finish = statement("logins-finish", ending);
// `finishOrAbort`: the same ending, and the transaction fails unless it ended the login (expect_rows).
const finishOrAbort = statement(
  "logins-finish-or-abort",
  `WITH ended AS (${ending} RETURNING id) SELECT expect_rows(count(*), 1) FROM ended`,
);
const prune = statement("logins-prune", "DELETE FROM logins WHERE expires_at < $1");

export class PostgresLoginStore implements LoginStore {
  private readonly byHash: (tokenHash: Buffer) => Promise<LoginRow | undefined>;
  private readonly withUser: (
    tokenHash: Buffer,
  ) => Promise<(KeyedLoginRow & { user_row: UserRow | null }) | undefined>;

  constructor(private readonly db: PgQueryable) {
    this.byHash = rowByKey<Buffer, KeyedLoginRow>(db, byHashes, (row) => row.token_hash);
    this.withUser = rowByKey<Buffer, KeyedLoginRow & { user_row: UserRow | null }>(
      db,
      withUsers,
      (row) => row.token_hash,
    );
  }

  async find(tokenHash: Buffer): Promise<LoginRecord | undefined> {
    const row = await this.byHash(tokenHash);
    return row === undefined ? undefined : loginFromRow(row);
  }

  async findWithUser(
    tokenHash: Buffer,
  ): Promise<{ login: LoginRecord; user: UserRecord | undefined } | undefined> {
    const row = await this.withUser(tokenHash);
    if (row === undefined) return undefined;
    return { login: loginFromRow(row), user: row.user_row === null ? undefined : userFromRow(row.user_row) };
  }

  async create(login: NewLogin): Promise<Omit<LoginRecord, "id">> {
    await this.db.write(insert, [
      login.tokenHash,
      login.userKey,
      login.state,
      JSON.stringify(login.factors),
      login.createdAt,
      login.expiresAt,
      login.otp?.otpHash ?? null,
      login.otp?.otpExpiresAt ?? null,
      login.otp?.otpSentAt ?? null,
    ]);
    return loginOfNew(login);
  }

  async setState(id: number, state: AuthnState, factors: Factor[]): Promise<void> {
    await this.db.write(setState, [state, JSON.stringify(factors), id]);
  }

  async claimSend(id: number, realNow: number, staleBefore: number): Promise<boolean> {
    return (await this.db.count(claim, [realNow, id, staleBefore])) > 0;
  }

  async releaseSend(id: number): Promise<void> {
    await this.db.write(release, [id]);
  }

  async setOtp(id: number, otp: OtpIssue, countsAsResend: boolean): Promise<void> {
    await this.db.write(setOtp, [otp.otpHash, otp.otpExpiresAt, otp.otpSentAt, countsAsResend, id]);
  }

  async recordWrongOtp(
    id: number,
    otpHash: Buffer,
    maxAttempts: number,
  ): Promise<{ attempts: number; void: boolean } | null> {
    const [row] = await this.db.rows<{ otp_attempts: number; otp_void: boolean }>(wrongOtp, [
      maxAttempts,
      id,
      otpHash,
    ]);
    return row === undefined ? null : { attempts: row.otp_attempts, void: row.otp_void };
  }

  async finish(id: number, state: AuthnState, otpHash?: Buffer): Promise<boolean> {
    return (await this.db.count(finish, [state, id, otpHash ?? null])) > 0;
  }

  finishOrAbort(id: number, state: AuthnState, otpHash?: Buffer): Promise<void> {
    return this.db.write(finishOrAbort, [state, id, otpHash ?? null]);
  }

  async prune(before: number): Promise<void> {
    await this.db.write(prune, [before]);
  }
}
