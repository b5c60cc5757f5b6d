/**
 * Field limits and patterns of the 2FA protocol and the UI ↔ main contract. The zod schemas, the
 * preload and the page's own checks all read them from here. Imports nothing: the page's first paint
 * checks a user ID without loading a schema library.
 */
export const limits = {
  userIdMax: 64,
  passwordMax: 256,
  otpLength: 6,
  emailMax: 254,
  stateTokenMin: 16,
  stateTokenMax: 128,
  cardPinMin: 4,
  cardPinMax: 8,
  urlMax: 2048,
  filePathMax: 4096,
  /** A terminal PC's name on the readiness board. */
  pcNameMax: 63,
  /** A connectivity report's JSON text, UTF-8 bytes. */
  pcReportMaxBytes: 64 * 1024,
  /** A proxy as the Network screen takes it (`http://host:port`) and the keychain names it (`host:port`). */
  proxyMax: 300,
  /** A proxy's user name and password (Basic authentication), as the proxy dialog takes them. */
  proxyUserNameMax: 256,
  proxyPasswordMax: 1024,
  /** A simulator's control token, as a trainer gives it. */
  controlTokenMin: 8,
  controlTokenMax: 512,
} as const;

/** A terminal PC's name: a host name's characters, starting with a letter or digit. */
export const pcNamePattern = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** The characters of a user ID (after trimming). */
export const userIdPattern = /^[A-Za-z0-9._-]+$/;

/** An email address: the pattern zod's `z.email()` uses by default, given to it explicitly. */
export const emailPattern =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9-]*\.)+[A-Za-z]{2,}$/;

/** A one-time password: exactly `limits.otpLength` digits. */
export const otpPattern = new RegExp(`^\\d{${limits.otpLength}}$`);

/** A smartcard PIN: `limits.cardPinMin` to `limits.cardPinMax` digits. */
export const cardPinPattern = new RegExp(`^\\d{${limits.cardPinMin},${limits.cardPinMax}}$`);

/** Whether a user ID as typed meets the protocol's rule (`userIdSchema`): trimmed, 1 to 64 of the allowed characters. */
export function isWellFormedUserId(typed: string): boolean {
  const userId = typed.trim();
  return userId.length >= 1 && userId.length <= limits.userIdMax && userIdPattern.test(userId);
}

export type EmailProblem = "missing" | "invalid";

/**
 * What is wrong with an email address as typed (surrounding spaces are not part of it), or null when
 * the protocol's rule (`emailSchema` after trimming) accepts it.
 */
export function emailProblem(typed: string): EmailProblem | null {
  const email = typed.trim();
  if (email === "") return "missing";
  return email.length <= limits.emailMax && emailPattern.test(email) ? null : "invalid";
}
