/** Longest user ID the wire protocol accepts (`limits.userIdMax`). */
const userIdMax = 64;

/**
 * The user ID rule of the wire protocol (`userIdSchema`), checked without
 * loading zod into the first paint. A unit test keeps the two in agreement.
 */
export function isWellFormedUserId(userId: string): boolean {
  const trimmed = userId.trim();
  return trimmed.length >= 1 && trimmed.length <= userIdMax && /^[A-Za-z0-9._-]+$/.test(trimmed);
}
