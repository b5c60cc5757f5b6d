/**
 * Every error that crosses a boundary (HTTP, IPC, CLI) carries one of these codes.
 * The renderer maps each code to a translated message; the code itself is stable
 * and safe to show in logs and reports. Imports nothing, so the preload and the
 * page's first paint can use it; the schemas are in `error-schemas.ts`.
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
  // readiness board
  /** An uploaded connectivity report is not JSON, or not a report (`details.reason`: "not-json" or "schema"). */
  "REPORT_INVALID",
  "REPORT_TOO_LARGE",
  /** The same PC's result for a check started within a second of one already stored. */
  "DUPLICATE_RESULT",
  // client side: reaching the server
  "SERVER_UNREACHABLE",
  /** The built-in simulator's process has not finished starting. */
  "SERVER_STARTING",
  /** The page lost the app's own local service (browser shell stopped). */
  "APP_UNREACHABLE",
  "SERVER_TIMEOUT",
  "TLS_UNTRUSTED",
  "TLS_HOSTNAME_MISMATCH",
  "TLS_EXPIRED",
  /** The TLS handshake itself failed (no common protocol or cipher, a broken answer): no certificate to judge. */
  "TLS_HANDSHAKE_FAILED",
  "SERVER_ERROR",
  "PROTOCOL_ERROR",
  "NO_LOGIN_IN_PROGRESS",
  "NOT_SIGNED_IN",
  /** The screen is locked: unlock with the password first. */
  "SESSION_LOCKED",
  "NOT_AVAILABLE",
  "CA_FILE_UNREADABLE",
  "KEYCHAIN_UNAVAILABLE",
  /** IT locked the setting on this computer (the machine-wide defaults file). */
  "SETTING_LOCKED",
  // client side: the proxy between this computer and the server
  "PROXY_UNREACHABLE",
  "PROXY_TIMEOUT",
  "PROXY_TUNNEL_REFUSED",
  "PROXY_AUTH_REQUIRED",
  "PROXY_AUTH_FAILED",
  "PROXY_AUTH_UNSUPPORTED",
  /** A simulator refused the control token a trainer gave (or the one kept for it). */
  "CONTROL_TOKEN_REFUSED",
  // smartcard
  "PCSC_UNAVAILABLE",
  "NATIVE_MODULE_MISSING",
  /** This build of the app was made without smartcard support (`npm run dist -- --without-smartcard`). */
  "SMARTCARD_NOT_IN_BUILD",
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

export type ErrorCode = (typeof errorCodes)[number];

/** What a failure says across a boundary: a stable code, a message a person can act on, any details. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

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
