/** What an awaited call came to: the error it was refused with, or a condition reached in time. */
import { AppError } from "../../shared/errors.js";

/** The AppError `promise` rejects with; fails when it settles otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the call to fail with an AppError");
}

/** Polls a condition the hardware path reaches in its own time; gives up after a generous bound (20 s). */
export async function until<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  what: string,
): Promise<T> {
  for (let i = 0; i < 400; i++) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`never saw ${what}`);
}
