import { errorCodeSchema } from "../../shared/errors.js";

/** What a store keeps of a failure: the code (translated by the UI) and any details the server gave. */
export interface UiError {
  code: string;
  details?: Record<string, unknown>;
}

/**
 * Reads the code of a failed call. Duck-typed rather than `instanceof AppError`
 * because an error that crossed Electron's contextBridge is a copy, not the class.
 */
export function toUiError(error: unknown): UiError {
  if (typeof error === "object" && error !== null) {
    const { code, details } = error as { code?: unknown; details?: unknown };
    const known = errorCodeSchema.safeParse(code);
    if (known.success) {
      return typeof details === "object" && details !== null
        ? { code: known.data, details: details as Record<string, unknown> }
        : { code: known.data };
    }
  }
  return { code: "INTERNAL" };
}
