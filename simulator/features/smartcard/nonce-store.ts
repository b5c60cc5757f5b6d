import { randomBytes } from "node:crypto";

interface PendingNonce {
  nonce: Buffer;
  expiresAtMs: number;
}

/**
 * Challenges waiting for a card's signature, one per login (keyed by the hash
 * of its state token). Taking a nonce removes it: each works once.
 */
export class NonceStore {
  private readonly pending = new Map<string, PendingNonce>();

  constructor(
    private readonly ttlMs: number,
    private readonly nowMs: () => number,
  ) {}

  issue(loginKey: Buffer): { nonce: Buffer; expiresAtMs: number } {
    this.sweep();
    const entry = { nonce: randomBytes(32), expiresAtMs: this.nowMs() + this.ttlMs };
    this.pending.set(loginKey.toString("hex"), entry);
    return entry;
  }

  /** The login's nonce if one is pending and fresh; it is gone afterwards either way. */
  take(loginKey: Buffer): Buffer | "expired" | undefined {
    const key = loginKey.toString("hex");
    const entry = this.pending.get(key);
    this.pending.delete(key);
    if (!entry) return undefined;
    return this.nowMs() >= entry.expiresAtMs ? "expired" : entry.nonce;
  }

  clear(): void {
    this.pending.clear();
  }

  private sweep(): void {
    const now = this.nowMs();
    for (const [key, entry] of this.pending) if (now >= entry.expiresAtMs) this.pending.delete(key);
  }
}
