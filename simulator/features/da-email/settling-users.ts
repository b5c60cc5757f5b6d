import { type ProcessedDaEmail, type UserRecord, type UserStore } from "../../store/storage.js";

/**
 * The user store as every feature reads it: DAs' email applications that fell due on the simulated
 * clock are processed before a DA or a list of users is read, so nobody sees an address HKEX should
 * already have made effective (or not yet). Reading a plain user costs nothing more.
 */
export function settlingUsers(inner: UserStore, settle: () => Promise<ProcessedDaEmail[]>): UserStore {
  return {
    async find(userId: string): Promise<UserRecord | undefined> {
      const user = await inner.find(userId);
      if (user?.role !== "da") return user;
      const processed = await settle();
      return processed.some((p) => p.application.userKey === user.userKey) ? inner.find(userId) : user;
    },
    async list() {
      await settle();
      return inner.list();
    },
    async listByParticipant(participant: string) {
      await settle();
      return inner.listByParticipant(participant);
    },
    create: (user) => inner.create(user),
    changePassword: (userKey, hash, at) => inner.changePassword(userKey, hash, at),
    setEmail: (userKey, email) => inner.setEmail(userKey, email),
    passwordHistory: (userKey, count) => inner.passwordHistory(userKey, count),
  };
}
