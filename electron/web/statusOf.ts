import type { ErrorCode } from "../../shared/errors.js";

const statuses: Partial<Record<ErrorCode, number>> = {
  INVALID_INPUT: 400,
  MALFORMED_JSON: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  ORIGIN_REFUSED: 403,
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
 */
export function statusOf(code: ErrorCode): number {
  return statuses[code] ?? 422;
}
