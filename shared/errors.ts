import { z } from "zod";

/**
 * Every error that crosses a boundary (HTTP, IPC, CLI) carries one of these codes.
 * The renderer maps each code to a translated message; the code itself is stable
 * and safe to show in logs and reports.
 */
export const errorCodes = [
  // input and transport
  "INVALID_INPUT",
  "MALFORMED_JSON",
  "PAYLOAD_TOO_LARGE",
  "UNSUPPORTED_MEDIA_TYPE",
  "NOT_FOUND",
  "METHOD_NOT_ALLOWED",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "ORIGIN_REFUSED",
  "RATE_LIMITED",
  "INTERNAL",
  // 2FA protocol
  "INVALID_CREDENTIALS",
  "LOCKED_OUT",
  "INVALID_STATE_TOKEN",
  "EXPIRED",
  "INVALID_OTP",
  "OTP_EXPIRED",
  "TOO_MANY_ATTEMPTS",
  "RESEND_COOLDOWN",
  "RESEND_LIMIT",
  "OTP_DELIVERY_FAILED",
  "WRONG_STATE",
  "SESSION_EXPIRED",
  "PASSWORD_POLICY",
  "REGISTRATION_CLOSED",
  "METHOD_DECOMMISSIONED",
  "METHOD_NOT_ALLOWED_FOR_USER",
  "CONFLICT",
  // client side: reaching the server
  "SERVER_UNREACHABLE",
  /** The page lost the app's own local service (browser shell stopped). */
  "APP_UNREACHABLE",
  "SERVER_TIMEOUT",
  "TLS_UNTRUSTED",
  "TLS_HOSTNAME_MISMATCH",
  "TLS_EXPIRED",
  "SERVER_ERROR",
  "PROTOCOL_ERROR",
  "NO_LOGIN_IN_PROGRESS",
  "NOT_SIGNED_IN",
  "NOT_AVAILABLE",
  "CA_FILE_UNREADABLE",
  "KEYCHAIN_UNAVAILABLE",
  /** A simulator refused the control token a trainer gave (or the one kept for it). */
  "CONTROL_TOKEN_REFUSED",
  // smartcard
  "PCSC_UNAVAILABLE",
  "NATIVE_MODULE_MISSING",
  "NO_READER",
  "NO_CARD",
  "CARD_REMOVED",
  "UNKNOWN_CARD",
  "WRONG_PIN",
  "CARD_BLOCKED",
  "CERT_EXPIRED",
  "CERT_NOT_FOR_USER",
  "CERT_UNTRUSTED",
  "SIGNATURE_INVALID",
  "CARD_ERROR",
  // connectivity check
  "CHECK_NOT_FOUND",
  "REPORT_WRITE_FAILED",
] as const;

export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const errorInfoSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorInfo = z.infer<typeof errorInfoSchema>;

/** The body of every 4xx/5xx answer on the wire and of every failed contract call. */
export const errorBodySchema = z.object({ error: errorInfoSchema });
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** An error with a stable code and a message a person can act on. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  toInfo(): ErrorInfo {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
