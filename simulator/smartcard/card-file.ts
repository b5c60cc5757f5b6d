import { randomBytes, scryptSync, timingSafeEqual } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import { AppError } from "../../shared/errors.js";

export const CARD_FILE_FORMAT = "ccms-virtual-card/1";
export const PIN_MAX_TRIES = 3;
export const pinSchema = z.string().regex(/^\d{4,8}$/, "a PIN is 4 to 8 digits");

/**
 * A simulated card on disk. It holds the private key in the clear (PKCS#8):
 * it is a training card, and the key still never leaves the card object at
 * run time: the applet only ever hands out signatures.
 */
export const cardFileSchema = z.strictObject({
  format: z.literal(CARD_FILE_FORMAT),
  userId: z.string().min(1).max(64),
  issuedAt: z.iso.datetime({ offset: true }),
  certificate: z.string().includes("BEGIN CERTIFICATE"),
  privateKey: z.string().includes("BEGIN PRIVATE KEY"),
  pin: z.strictObject({
    algorithm: z.literal("scrypt"),
    salt: z.string().min(8),
    hash: z.string().min(8),
    triesLeft: z.number().int().min(0).max(PIN_MAX_TRIES),
  }),
});
export type CardFile = z.infer<typeof cardFileSchema>;

export function hashPin(pin: string): CardFile["pin"] {
  const salt = randomBytes(16);
  return {
    algorithm: "scrypt",
    salt: salt.toString("base64"),
    hash: scryptSync(pin, salt, 32).toString("base64"),
    triesLeft: PIN_MAX_TRIES,
  };
}

export function pinMatches(pin: CardFile["pin"], candidate: Uint8Array): boolean {
  const expected = Buffer.from(pin.hash, "base64");
  const actual = scryptSync(Buffer.from(candidate), Buffer.from(pin.salt, "base64"), expected.length);
  return timingSafeEqual(expected, actual);
}

function parseCardFile(text: string, source: string): CardFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError("INVALID_INPUT", `${source} is not a card file (it is not JSON).`);
  }
  const parsed = cardFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join(".") || "file";
    throw new AppError("INVALID_INPUT", `${source} is not a valid card file (${where}: ${issue?.message}).`);
  }
  return parsed.data;
}

export function readCardFile(path: string): CardFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const reason = error instanceof Error && "code" in error ? String(error.code) : "unreadable";
    throw new AppError("NOT_FOUND", `Cannot read the card file ${path} (${reason}).`);
  }
  return parseCardFile(text, path);
}

/** Writes to a temporary file beside the target, then renames: never a half-written card. */
export function writeCardFile(path: string, card: CardFile): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    writeFileSync(temp, `${JSON.stringify(card, null, 2)}\n`, { mode: 0o600 });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
