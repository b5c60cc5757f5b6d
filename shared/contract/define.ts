import type { z } from "zod";

/** One request/response method of the UI ↔ main-process API. */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly input: I;
  readonly output: O;
}

/** One event stream pushed from the main process to the UI. */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
}

export function method<I extends z.ZodType, O extends z.ZodType>(input: I, output: O): MethodSpec<I, O> {
  return { input, output };
}

export function event<P extends z.ZodType>(payload: P): EventSpec<P> {
  return { payload };
}
