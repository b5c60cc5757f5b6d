import { normalizeUserId } from "../../../shared/user-id.js";
import { type UserRow, userFromRow } from "../rows.js";
import { type UserRecord, type UserStore } from "../storage.js";
import { rowByKey } from "./keyed-reads.js";
import { type PgQueryable, statement } from "./pg-db.js";

const byKeys = statement("users-by-keys", "SELECT * FROM users WHERE user_key = ANY($1::text[])");
const all = statement("users-all", "SELECT * FROM users ORDER BY participant, user_key");
const byParticipant = statement(
  "users-by-participant",
  "SELECT * FROM users WHERE participant = $1 ORDER BY user_key",
);
const insertUser = statement(
  "users-insert",
  `INSERT INTO users (user_key, user_id, display_name, role, participant, participant_name, clearing_house,
     email, has_smartcard, created_at, password_hash, password_changed_at, password_expired)
   VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
   ON CONFLICT (user_key) DO NOTHING`,
);
const insertHistory = statement(
  "users-history-insert",
  "INSERT INTO password_history (user_key, password_hash, changed_at) VALUES ($1, $2, $3)",
);
const updatePassword = statement(
  "users-password",
  "UPDATE users SET password_hash = $1, password_changed_at = $2, password_expired = false WHERE user_key = $3",
);
const updateEmail = statement("users-email", "UPDATE users SET email = $1 WHERE user_key = $2");
const recentHistory = statement(
  "users-history",
  "SELECT password_hash FROM password_history WHERE user_key = $1 ORDER BY id DESC LIMIT $2",
);

export class PostgresUserStore implements UserStore {
  private readonly byKey: (userKey: string) => Promise<UserRow | undefined>;

  constructor(private readonly db: PgQueryable) {
    this.byKey = rowByKey<string, UserRow>(db, byKeys, (row) => row.user_key);
  }

  async find(userId: string): Promise<UserRecord | undefined> {
    const row = await this.byKey(normalizeUserId(userId));
    return row === undefined ? undefined : userFromRow(row);
  }

  async list(): Promise<UserRecord[]> {
    return (await this.db.rows<UserRow>(all)).map(userFromRow);
  }

  async listByParticipant(participant: string): Promise<UserRecord[]> {
    return (await this.db.rows<UserRow>(byParticipant, [participant])).map(userFromRow);
  }

  async create(user: Omit<UserRecord, "userKey">): Promise<boolean> {
    const userKey = normalizeUserId(user.userId);
    return this.db.transaction(async (tx) => {
      const inserted = await tx.count(insertUser, [
        userKey,
        user.userId,
        user.displayName,
        user.role,
        user.participant,
        user.participantName,
        user.clearingHouse,
        user.email,
        user.hasSmartcard,
        user.createdAt,
        user.passwordHash,
        user.passwordChangedAt,
        user.passwordExpired,
      ]);
      if (inserted === 0) return false;
      await tx.write(insertHistory, [userKey, user.passwordHash, user.passwordChangedAt]);
      return true;
    });
  }

  async changePassword(userKey: string, passwordHash: string, at: number): Promise<void> {
    await this.db.transaction(async (tx) => {
      await tx.write(updatePassword, [passwordHash, at, userKey]);
      await tx.write(insertHistory, [userKey, passwordHash, at]);
    });
  }

  async setEmail(userKey: string, email: string | null): Promise<void> {
    await this.db.write(updateEmail, [email, userKey]);
  }

  async passwordHistory(userKey: string, count: number): Promise<string[]> {
    const rows = await this.db.rows<{ password_hash: string }>(recentHistory, [userKey, count]);
    return rows.map((row) => row.password_hash);
  }
}
