import { z } from "zod";
import { cardPinPattern, limits } from "../contract/limits.js";
import { stateTokenSchema } from "./authn.js";

/**
 * Wire types of the smartcard factor: the client asks for a nonce bound to its
 * state token, has the card sign it, and sends back the card's certificate and
 * the signature. Binary values travel as base64.
 */
const base64 = z.string().regex(/^[A-Za-z0-9+/_-]+={0,2}$/, "base64");

/** POST /sso/api/v1/authn/smartcard/challenge */
export const smartcardChallengeRequestSchema = z.strictObject({ stateToken: stateTokenSchema });

export const smartcardChallengeResponseSchema = z.object({
  /** 32 random bytes, base64; the card signs exactly these bytes (ECDSA P-256, SHA-256). */
  nonce: base64.min(8).max(128),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type SmartcardChallengeResponse = z.infer<typeof smartcardChallengeResponseSchema>;

/** POST /sso/api/v1/authn/smartcard/verify */
export const smartcardVerifyRequestSchema = z.strictObject({
  stateToken: stateTokenSchema,
  /** The card's certificate, DER as base64 (or PEM). */
  certificate: z.string().min(16).max(8192),
  /** DER-encoded ECDSA signature over the nonce bytes, base64. */
  signature: base64.min(8).max(256),
});

export const SMARTCARD_CHALLENGE_PATH = "/authn/smartcard/challenge";
export const SMARTCARD_VERIFY_PATH = "/authn/smartcard/verify";

/** POST /__sim/cards: issue a card file for a user (control API). */
export const issueCardRequestSchema = z.strictObject({
  userId: z.string().trim().min(1).max(limits.userIdMax),
  pin: z.string().regex(cardPinPattern, "a card PIN is 4 to 8 digits"),
  notBefore: z.iso.datetime({ offset: true }).optional(),
  notAfter: z.iso.datetime({ offset: true }).optional(),
});
export type IssueCardRequest = z.infer<typeof issueCardRequestSchema>;

/** The card file itself (JSON, as `npm run virtual-card -- --card <file>` reads it). */
export const issueCardResponseSchema = z.object({ card: z.record(z.string(), z.unknown()) });
