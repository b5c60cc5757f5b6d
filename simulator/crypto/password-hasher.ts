import crypto from "node:crypto";
import type { Argon2Params } from "./hash-job.js";
import { type HashPool, sharedHashPool } from "./hash-pool.js";

export type HashProfile = "fast" | "production";

/** argon2id parameters; the PHC string of every stored hash records the ones it was made with. */
const hashProfiles: Record<HashProfile, Argon2Params> = {
  // OWASP Password Storage Cheat Sheet minimum for argon2id: 19 MiB, 2 iterations, 1 lane.
  production: { memoryCost: 19_456, timeCost: 2, parallelism: 1 },
  // For tests and QA farms only: same algorithm, a light cost.
  fast: { memoryCost: 1_024, timeCost: 1, parallelism: 1 },
};

/**
 * argon2id in WebAssembly (@phi-ag/argon2's SIMD build of the reference code), on the pool's
 * threads: no native module, so nothing for a
 * Windows PC to lack, and the same PHC strings (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`) as any
 * argon2 library, so hashes stored earlier keep verifying.
 */
export class PasswordHasher {
  private dummyHash: Promise<string> | undefined;

  constructor(
    readonly profile: HashProfile,
    private readonly pool: HashPool = sharedHashPool(),
  ) {}

  async hash(password: string): Promise<string> {
    const salt = new Uint8Array(crypto.randomBytes(16));
    return String(await this.pool.run({ kind: "hash", password, salt, params: hashProfiles[this.profile] }));
  }

  async verify(storedHash: string, password: string): Promise<boolean> {
    try {
      return (await this.pool.run({ kind: "verify", password, encoded: storedHash })) === true;
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
