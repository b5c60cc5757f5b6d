import { AppError } from "../../../shared/errors.js";
import { type CreateUserRequest, type SimUser } from "../../../shared/wire/control.js";
import { type PasswordHasher } from "../../crypto/password-hasher.js";
import { demoPassword, seedUsers } from "../../store/seed-users.js";
import { normalizeUserId } from "../../../shared/user-id.js";
import { type LockoutStore, type UserRecord, type UserStore } from "../../store/storage.js";

/** Who a user is, as every answer about a user names them. */
export function identityOf(user: UserRecord) {
  return {
    userId: user.userId,
    displayName: user.displayName,
    role: user.role,
    participant: user.participant,
    participantName: user.participantName,
    clearingHouse: user.clearingHouse,
  };
}

/** Creating, seeding and describing users (never exposing a password hash). */
export class UserService {
  constructor(
    private readonly store: UserStore,
    private readonly lockouts: LockoutStore,
    private readonly hasher: PasswordHasher,
    private readonly now: () => number,
  ) {}

  /**
   * Creates a user; `save` stores the new record (false: the ID is taken), by default alone, or
   * with the caller's other writes in one transaction.
   */
  async create(
    request: CreateUserRequest,
    save: (record: Omit<UserRecord, "userKey">) => Promise<boolean> = (record) => this.store.create(record),
  ): Promise<UserRecord> {
    if ((await this.store.find(request.userId)) !== undefined) {
      throw new AppError("CONFLICT", `A user with ID ${request.userId} already exists.`);
    }
    const record = this.recordOf(request, await this.hasher.hash(request.password));
    if (!(await save(record))) {
      throw new AppError("CONFLICT", `A user with ID ${request.userId} already exists.`);
    }
    return { ...record, userKey: normalizeUserId(record.userId) };
  }

  /**
   * The record of a new user whose password is hashed already (hashing is slow: never in a
   * transaction), created at `now` unless the request says when.
   */
  recordOf(request: CreateUserRequest, passwordHash: string, now = this.now()): Omit<UserRecord, "userKey"> {
    const createdAt = request.createdAt === undefined ? now : Date.parse(request.createdAt);
    return {
      userId: request.userId,
      displayName: request.displayName ?? request.userId,
      role: request.role,
      participant: request.participant,
      participantName: request.participantName ?? request.participant,
      clearingHouse: request.clearingHouse,
      email: request.email ?? null,
      hasSmartcard: request.hasSmartcard ?? false,
      createdAt,
      passwordHash,
      passwordChangedAt: createdAt,
      passwordExpired: request.passwordExpired ?? false,
    };
  }

  /** Seeds the demo users into an empty store (two instances starting at once: each user once). */
  async seed(): Promise<void> {
    if ((await this.store.list()).length > 0) return;
    await this.seedInto(this.store, await this.seedRecords());
  }

  /** The demo users' records, their password hashed: made before the transaction that stores them. */
  async seedRecords(): Promise<Array<Omit<UserRecord, "userKey">>> {
    const passwordHash = await this.hasher.hash(demoPassword);
    return seedUsers.map((user) => {
      const createdAt = Date.parse(user.createdAt);
      return { ...user, createdAt, passwordHash, passwordChangedAt: createdAt, passwordExpired: false };
    });
  }

  /** Stores the demo users' records (`seedRecords`) in `store`, a transaction's after a reset. */
  async seedInto(store: UserStore, records: Array<Omit<UserRecord, "userKey">>): Promise<void> {
    for (const record of records) await store.create(record);
  }

  async view(user: UserRecord): Promise<SimUser> {
    const lockedUntil = await this.lockouts.lockedUntil(user.userKey, this.now());
    return {
      ...identityOf(user),
      email: user.email,
      hasSmartcard: user.hasSmartcard,
      createdAt: new Date(user.createdAt).toISOString(),
      passwordExpired: user.passwordExpired,
      lockedUntil: lockedUntil === null ? null : new Date(lockedUntil).toISOString(),
    };
  }
}
