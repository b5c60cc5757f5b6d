import type { ErrorCode } from "../../shared/errors.js";

const statuses: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  MALFORMED_JSON: 400,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/**
 * The HTTP status of a failed contract call. Errors about the request itself
 * have their usual status; every other outcome (wrong password, server
 * unreachable, …) is 422: the call was understood and answered with a code.
 * 401 and 403 are kept for the shell's own refusal of the page (guard.ts),
 * which the page takes to mean its token is refused; the 2FA server's
 * UNAUTHORIZED or FORBIDDEN (a plain user asking for a DA function) is an
 * outcome like any other.
 */
export function statusOf(code: ErrorCode): number {
  return statuses[code] ?? 422;
}
