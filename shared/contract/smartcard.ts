import { z } from "zod";
import { errorCodeSchema } from "../error-schemas.js";
import { authViewSchema } from "./auth.js";
import { empty } from "./app.js";
import { cardPinPattern, limits } from "./limits.js";
import { event, method } from "./define.js";

export const readerNameSchema = z.string().trim().min(1).max(200);
export const cardPinSchema = z.string().regex(cardPinPattern, "a card PIN is 4 to 8 digits");

export const readerViewSchema = z.object({
  name: z.string(),
  /** "pcsc": a reader of the system's PC/SC service; "simulated": the app's built-in reader. */
  backend: z.enum(["pcsc", "simulated"]),
  cardPresent: z.boolean(),
});

/** Why a whole backend is unusable (pcscd down, native module missing); the other backends still work. */
export const backendProblemSchema = z.object({
  backend: z.enum(["pcsc", "simulated"]),
  code: errorCodeSchema,
  message: z.string(),
});

export const smartcardStatusSchema = z.object({
  readers: z.array(readerViewSchema),
  problems: z.array(backendProblemSchema),
  /** Whether the built-in simulated reader is there (a card file can be inserted into it). */
  simulatedReader: z.boolean(),
});
export type SmartcardStatus = z.infer<typeof smartcardStatusSchema>;

export const cardInfoSchema = z.object({
  reader: z.string(),
  /** PIN tries left before the card blocks; 0 = blocked. */
  triesLeft: z.number().int().min(0).max(15),
  blocked: z.boolean(),
});
export type CardInfo = z.infer<typeof cardInfoSchema>;

export const signInSteps = ["challenge", "connect", "pin", "certificate", "signing", "verifying"] as const;
export const signInProgressSchema = z.object({ step: z.enum(signInSteps) });
export type SignInProgress = z.infer<typeof signInProgressSchema>;

export const smartcardMethods = {
  "smartcard.status": method(empty, smartcardStatusSchema),
  /** Reads the PIN state of the card in a reader without spending a try. */
  "smartcard.inspect": method(z.strictObject({ reader: readerNameSchema }), cardInfoSchema),
  /** challenge → VERIFY PIN → READ certificate → SIGN → verify on the server; SUCCESS on the way out. */
  "smartcard.signIn": method(
    z.strictObject({ reader: readerNameSchema, pin: cardPinSchema }),
    authViewSchema,
  ),
  /** Inserts a card file (from "simulator card issue") into the built-in simulated reader. */
  "smartcard.insertSimulated": method(
    z.strictObject({ cardFile: z.string().trim().min(1).max(limits.filePathMax) }),
    smartcardStatusSchema,
  ),
  "smartcard.removeSimulated": method(empty, smartcardStatusSchema),
};

export const smartcardEvents = {
  /** Readers came or went, or a card was inserted or removed. */
  "smartcard.status": event(smartcardStatusSchema),
  /** The step a smartcard sign-in has reached. */
  "smartcard.progress": event(signInProgressSchema),
};
