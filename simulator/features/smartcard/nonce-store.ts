import { randomBytes } from "node:crypto";
import { type ChallengeStore } from "../../store/storage.js";

/**
 * Challenges waiting for a card's signature, one per login (keyed by the hash
 * of its state token), kept in the database so any instance can check the
 * answer. Taking a nonce removes it: each works once.
 */
export class NonceStore {
  constructor(
    private readonly store: ChallengeStore,
    private readonly ttlMs: number,
    private readonly nowMs: () => number,
  ) {}

  /** `store`: a transaction's, to store the challenge with the answer's other writes. */
  async issue(loginKey: Buffer, store = this.store): Promise<{ nonce: Buffer; expiresAtMs: number }> {
    const entry = { nonce: randomBytes(32), expiresAtMs: this.nowMs() + this.ttlMs };
    await store.put(loginKey, entry.nonce, entry.expiresAtMs);
    return entry;
  }

  /** The login's nonce if one is pending and fresh; it is gone afterwards either way. */
  async take(loginKey: Buffer, store = this.store): Promise<Buffer | "expired" | undefined> {
    const entry = await store.take(loginKey);
    if (!entry) return undefined;
    return this.nowMs() >= entry.expiresAt ? "expired" : entry.nonce;
  }
}
