import { type ClearingHouse, type Role } from "../../shared/phases.js";
import { normalizeUserId } from "../../shared/user-id.js";
import { type Db } from "./sqlite.js";
import { type GroupCommit, groupCommitOf } from "./group-commit.js";

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

interface UserRow {
  user_key: string;
  user_id: string;
  display_name: string;
  role: Role;
  participant: string;
  participant_name: string;
  clearing_house: ClearingHouse;
  email: string | null;
  has_smartcard: number;
  created_at: number;
  password_hash: string;
  password_changed_at: number;
  password_expired: number;
}

function fromRow(row: UserRow): UserRecord {
  return {
    userKey: row.user_key,
    userId: row.user_id,
    displayName: row.display_name,
    role: row.role,
    participant: row.participant,
    participantName: row.participant_name,
    clearingHouse: row.clearing_house,
    email: row.email,
    hasSmartcard: row.has_smartcard === 1,
    createdAt: row.created_at,
    passwordHash: row.password_hash,
    passwordChangedAt: row.password_changed_at,
    passwordExpired: row.password_expired === 1,
  };
}

export class UserStore {
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

  find(userId: string): UserRecord | undefined {
    const row = this.byKey.get(normalizeUserId(userId));
    return row === undefined ? undefined : fromRow(row);
  }

  list(): UserRecord[] {
    return this.all.all().map(fromRow);
  }

  listByParticipant(participant: string): UserRecord[] {
    return this.byParticipant.all(participant).map(fromRow);
  }

  /** Inserts a user; false when the ID is taken. */
  create(user: Omit<UserRecord, "userKey">): boolean {
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

  changePassword(userKey: string, passwordHash: string, at: number): void {
    this.writes.open();
    this.db.transaction(() => {
      this.updatePassword.run(passwordHash, at, userKey);
      this.insertHistory.run(userKey, passwordHash, at);
    });
  }

  setEmail(userKey: string, email: string | null): void {
    this.writes.open();
    this.updateEmail.run(email, userKey);
  }

  /** The hashes of the user's most recent passwords, the current one first. */
  passwordHistory(userKey: string, count: number): string[] {
    return this.recentHistory.all(userKey, count).map((row) => row.password_hash);
  }
}
