import { limits } from "../../../shared/contract/limits.js";
import type { ErrorCode } from "../../../shared/errors.js";

/** Keeps the digits of whatever was typed or pasted ("123 456", "123-456"), at most six. */
export const digitsOf = (text: string): string => text.replace(/\D/g, "").slice(0, limits.otpLength);

/** Errors about the code typed: focus goes back to the entry (any other goes to the alert). */
export const codeErrors: ReadonlySet<string> = new Set<ErrorCode>(["INVALID_OTP", "INVALID_INPUT"]);
