import { errorBodySchema } from "../../../shared/error-schemas.js";
import { AppError, isAppError } from "../../../shared/errors.js";

const unreachable = new Set([
  "ECONNREFUSED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ECONNRESET",
  "EPIPE",
]);
const timeouts = new Set(["ETIMEDOUT", "ECONNABORTED", "ESOCKETTIMEDOUT", "UND_ERR_CONNECT_TIMEOUT"]);
const untrusted = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_SIGNATURE_FAILURE",
  "CERT_UNTRUSTED",
  "CERT_REJECTED",
  "INVALID_CA",
  "ERR_SSL_WRONG_VERSION_NUMBER",
]);
const expired = new Set(["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"]);

/** The network-level code of a failed request (axios copies it, the cause keeps it). */
function codeOf(error: unknown): string | undefined {
  if (typeof error !== "object" || error === null) return undefined;
  const own = (error as { code?: unknown }).code;
  const cause = (error as { cause?: unknown }).cause;
  const causeCode =
    typeof cause === "object" && cause !== null ? (cause as { code?: unknown }).code : undefined;
  if (typeof causeCode === "string" && !own) return causeCode;
  if (typeof own === "string" && own !== "ERR_NETWORK" && own !== "ERR_BAD_RESPONSE") return own;
  return typeof causeCode === "string" ? causeCode : typeof own === "string" ? own : undefined;
}

/** Maps a transport failure (no HTTP answer) to an error a person can act on. */
export function transportError(error: unknown, server: string): AppError {
  if (isAppError(error)) return error;
  // The connection's own failures (a proxy's, say) arrive wrapped by axios, named already.
  const cause =
    typeof error === "object" && error !== null ? (error as { cause?: unknown }).cause : undefined;
  if (isAppError(cause)) return cause;
  const code = codeOf(error);
  if (code !== undefined) {
    if (unreachable.has(code)) {
      return new AppError(
        "SERVER_UNREACHABLE",
        `Cannot reach the server at ${server}. Check the address and your network.`,
        { cause: code },
      );
    }
    if (timeouts.has(code)) {
      return new AppError(
        "SERVER_TIMEOUT",
        `The server at ${server} did not answer in time. Try again, or check the network.`,
        { cause: code },
      );
    }
    if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
      return new AppError(
        "TLS_HOSTNAME_MISMATCH",
        `The certificate of ${server} was issued for a different host name.`,
        { cause: code },
      );
    }
    if (expired.has(code)) {
      return new AppError("TLS_EXPIRED", `The certificate of ${server} has expired or is not valid yet.`, {
        cause: code,
      });
    }
    if (untrusted.has(code)) {
      return new AppError(
        "TLS_UNTRUSTED",
        `The certificate of ${server} is not trusted. Check the CA file for this server.`,
        { cause: code },
      );
    }
  }
  return new AppError(
    "SERVER_UNREACHABLE",
    `Cannot talk to the server at ${server}.`,
    code === undefined ? undefined : { cause: code },
  );
}

/** Maps a non-2xx HTTP answer: 5xx → SERVER_ERROR; a 4xx with `{error}` passes through. */
export function statusError(status: number, body: unknown, server: string): AppError {
  if (status >= 500) {
    return new AppError(
      "SERVER_ERROR",
      `The server at ${server} had a problem (HTTP ${status}). Try again later.`,
      { status },
    );
  }
  const parsed = errorBodySchema.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new AppError(code, message, details);
  }
  return new AppError(
    "PROTOCOL_ERROR",
    `The server at ${server} gave an answer this app does not understand (HTTP ${status}).`,
    { status },
  );
}
