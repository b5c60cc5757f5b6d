import { hash, verify } from "@node-rs/argon2";

export type HashProfile = "fast" | "production";

/** argon2id parameters; the PHC string of every stored hash records the ones it was made with. */
const hashProfiles: Record<HashProfile, { memoryCost: number; timeCost: number; parallelism: number }> = {
  // OWASP Password Storage Cheat Sheet minimum for argon2id: 19 MiB, 2 iterations, 1 lane.
  production: { memoryCost: 19_456, timeCost: 2, parallelism: 1 },
  // For tests and QA farms only: same algorithm, a light cost.
  fast: { memoryCost: 1_024, timeCost: 1, parallelism: 1 },
};

export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  constructor(readonly profile: HashProfile) {}

  hash(password: string): Promise<string> {
    // @node-rs/argon2 hashes with argon2id by default (its Algorithm enum is const, unusable here).
    return hash(password, hashProfiles[this.profile]);
  }

  async verify(storedHash: string, password: string): Promise<boolean> {
    try {
      return await verify(storedHash, password);
    } catch {
      return false;
    }
  }

  /** Spends the same work as a real check, for user IDs that do not exist. */
  async verifyDummy(password: string): Promise<false> {
    this.dummyHash ??= this.hash("dummy-password-for-unknown-users");
    await this.verify(await this.dummyHash, password);
    return false;
  }
}
