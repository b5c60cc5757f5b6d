/** What a store keeps of a failure: the code (translated by the UI) and any details the server gave. */
export interface UiError {
  code: string;
  details?: Record<string, unknown>;
}

const codeShape = /^[A-Z][A-Z0-9_]{1,63}$/;

/**
 * Reads the code of a failed call (one of `shared/errors.ts`; unknown codes get
 * the generic message). Duck-typed rather than `instanceof AppError` because an
 * error that crossed Electron's contextBridge is a copy, and because importing
 * the error module would pull zod into the first paint.
 */
export function toUiError(error: unknown): UiError {
  if (typeof error === "object" && error !== null) {
    const { code, details } = error as { code?: unknown; details?: unknown };
    if (typeof code === "string" && codeShape.test(code)) {
      return typeof details === "object" && details !== null
        ? { code, details: details as Record<string, unknown> }
        : { code };
    }
  }
  return { code: "INTERNAL" };
}
