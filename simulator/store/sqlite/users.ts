import { normalizeUserId } from "../../../shared/user-id.js";
import { type Db } from "../sqlite.js";
import { type GroupCommit, groupCommitOf } from "../group-commit.js";
import { type UserRow, userFromRow as fromRow } from "../rows.js";
import { type UserRecord, type UserStore } from "../storage.js";

export class SqliteUserStore implements UserStore {
  private readonly byKey;
  private readonly all;
  private readonly byParticipant;
  private readonly insertUser;
  private readonly insertHistory;
  private readonly updatePassword;
  private readonly updateEmail;
  private readonly recentHistory;
  private readonly writes: GroupCommit;

  constructor(private readonly db: Db) {
    this.writes = groupCommitOf(db);
    this.byKey = db.prepare<[string], UserRow>("SELECT * FROM users WHERE user_key = ?");
    this.all = db.prepare<[], UserRow>("SELECT * FROM users ORDER BY participant, user_key");
    this.byParticipant = db.prepare<[string], UserRow>(
      "SELECT * FROM users WHERE participant = ? ORDER BY user_key",
    );
    this.insertUser = db.prepare(
      `INSERT INTO users (user_key, user_id, display_name, role, participant, participant_name, clearing_house,
         email, has_smartcard, created_at, password_hash, password_changed_at, password_expired)
       VALUES (@userKey, @userId, @displayName, @role, @participant, @participantName, @clearingHouse,
         @email, @hasSmartcard, @createdAt, @passwordHash, @passwordChangedAt, @passwordExpired)`,
    );
    this.insertHistory = db.prepare(
      "INSERT INTO password_history (user_key, password_hash, changed_at) VALUES (?, ?, ?)",
    );
    this.updatePassword = db.prepare(
      "UPDATE users SET password_hash = ?, password_changed_at = ?, password_expired = 0 WHERE user_key = ?",
    );
    this.updateEmail = db.prepare("UPDATE users SET email = ? WHERE user_key = ?");
    this.recentHistory = db.prepare<[string, number], { password_hash: string }>(
      "SELECT password_hash FROM password_history WHERE user_key = ? ORDER BY id DESC LIMIT ?",
    );
  }

  async find(userId: string): Promise<UserRecord | undefined> {
    const row = this.byKey.get(normalizeUserId(userId));
    return row === undefined ? undefined : fromRow(row);
  }

  async list(): Promise<UserRecord[]> {
    return this.all.all().map(fromRow);
  }

  async listByParticipant(participant: string): Promise<UserRecord[]> {
    return this.byParticipant.all(participant).map(fromRow);
  }

  /** Inserts a user; false when the ID is taken. */
  async create(user: Omit<UserRecord, "userKey">): Promise<boolean> {
    const userKey = normalizeUserId(user.userId);
    this.writes.open();
    return this.db.transaction(() => {
      if (this.byKey.get(userKey) !== undefined) return false;
      this.insertUser.run({
        ...user,
        userKey,
        hasSmartcard: user.hasSmartcard ? 1 : 0,
        passwordExpired: user.passwordExpired ? 1 : 0,
      });
      this.insertHistory.run(userKey, user.passwordHash, user.passwordChangedAt);
      return true;
    });
  }

  async changePassword(userKey: string, passwordHash: string, at: number): Promise<void> {
    this.writes.open();
    this.db.transaction(() => {
      this.updatePassword.run(passwordHash, at, userKey);
      this.insertHistory.run(userKey, passwordHash, at);
    });
  }

  async setEmail(userKey: string, email: string | null): Promise<void> {
    this.writes.open();
    this.updateEmail.run(email, userKey);
  }

  /** The hashes of the user's most recent passwords, the current one first. */
  async passwordHistory(userKey: string, count: number): Promise<string[]> {
    return this.recentHistory.all(userKey, count).map((row) => row.password_hash);
  }
}
