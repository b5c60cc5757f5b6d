import crypto from "node:crypto";

const tokenBytes = 32;
// CSPRNG bytes fetched 128 tokens at a time (as crypto.randomUUID does), each byte used once.
const pool = Buffer.alloc(tokenBytes * 128);
let poolUsed = pool.length;

/** 32 random bytes, base64url: state tokens and session tokens. */
export function newToken(): string {
  if (poolUsed === pool.length) {
    crypto.randomFillSync(pool);
    poolUsed = 0;
  }
  const token = pool.toString("base64url", poolUsed, poolUsed + tokenBytes);
  poolUsed += tokenBytes;
  return token;
}

/** Tokens are stored only as their SHA-256. */
export function tokenHash(token: string): Buffer {
  return crypto.createHash("sha256").update(token, "utf8").digest();
}

/** Compares two strings in time independent of where they differ. */
export function constantTimeEqual(a: string, b: string): boolean {
  const ha = crypto.createHash("sha256").update(a, "utf8").digest();
  const hb = crypto.createHash("sha256").update(b, "utf8").digest();
  return crypto.timingSafeEqual(ha, hb);
}
