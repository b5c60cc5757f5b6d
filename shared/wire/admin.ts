import { z } from "zod";
import { clearingHouseSchema, roleSchema } from "../phases.js";
import { API_PREFIX, emailSchema, userIdSchema } from "./authn.js";
import { pendingDaEmailSchema } from "./da-email.js";

/**
 * Wire types of the Delegated Administrator API: a DA, signed in with a
 * session (`Authorization: Bearer <sessionToken>`), lists and administers the
 * users of their own participant.
 */
export const ADMIN_PREFIX = `${API_PREFIX}/admin`;

export const adminUserSchema = z.object({
  userId: z.string(),
  displayName: z.string(),
  role: roleSchema,
  participant: z.string(),
  clearingHouse: clearingHouseSchema,
  hasSmartcard: z.boolean(),
  emailRegistered: z.boolean(),
  /** e.g. `c*****n@cp8801.example`; null when no email is registered. */
  maskedEmail: z.string().nullable(),
  /** Set while a lockout is in force. */
  lockedUntil: z.iso.datetime({ offset: true }).nullable(),
  /** When this user's email can first be registered (users: 19 Dec 2022, DAs: 20 Mar 2023 by default). */
  emailRegistrationOpensAt: z.iso.datetime({ offset: true }),
  /**
   * A DA's address applied for and being processed by HKEX (a DA's address takes effect only then);
   * null for a user, and for a DA with no application pending.
   */
  emailApplication: pendingDaEmailSchema.nullable(),
});
export type AdminUser = z.infer<typeof adminUserSchema>;

/** GET /sso/api/v1/admin/users */
export const adminUsersResponseSchema = z.object({
  participant: z.string(),
  users: z.array(adminUserSchema),
});
export type AdminUsersResponse = z.infer<typeof adminUsersResponseSchema>;

/** The `:userId` of /admin/users/:userId/… */
export const adminUserParamsSchema = z.strictObject({ userId: userIdSchema });

/** PUT /sso/api/v1/admin/users/:userId/email */
export const setEmailRequestSchema = z.strictObject({ email: emailSchema });

export const notificationOutcomeSchema = z.enum(["sent", "failed", "not-applicable"]);

export const setEmailResponseSchema = z.object({
  user: adminUserSchema,
  changed: z.boolean(),
  /** Whether the notices to the old and new addresses went out. The change stands either way. */
  notified: z.object({ oldAddress: notificationOutcomeSchema, newAddress: notificationOutcomeSchema }),
  /**
   * For a DA: the application submitted to HKEX (`changed` stays false: the address takes effect when
   * HKEX processes it, and the old and new addresses are told then). Null for a user.
   */
  application: pendingDaEmailSchema.nullable(),
});
export type SetEmailResponse = z.infer<typeof setEmailResponseSchema>;

/** POST /sso/api/v1/admin/users/:userId/unlock */
export const unlockResponseSchema = z.object({ user: adminUserSchema, wasLocked: z.boolean() });
export type UnlockResponse = z.infer<typeof unlockResponseSchema>;

/**
 * A DA's lock has no end of its own: it lasts until a DA unlocks the account. On the wire its
 * `lockedUntil` is this instant (the last second of 9999), which `isLockedUntilUnlocked` recognises.
 */
export const LOCKED_UNTIL_UNLOCKED = "9999-12-31T23:59:59.000Z";
export const isLockedUntilUnlocked = (lockedUntil: string | null): boolean =>
  lockedUntil !== null && Date.parse(lockedUntil) >= Date.parse(LOCKED_UNTIL_UNLOCKED);

/** POST /sso/api/v1/admin/users/:userId/lock: locks the account until unlocked and ends its sessions. */
export const lockResponseSchema = z.object({
  user: adminUserSchema,
  wasLocked: z.boolean(),
  sessionsEnded: z.number().int().nonnegative(),
});
export type LockResponse = z.infer<typeof lockResponseSchema>;
