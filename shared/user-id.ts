/**
 * The key a user ID is known by: user IDs are compared without regard to case or surrounding space
 * (`Demo.User ` is `demo.user`). Everything that stores, finds or compares a user ID goes through this.
 */
export function normalizeUserId(userId: string): string {
  return userId.trim().toLowerCase();
}
