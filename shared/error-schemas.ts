import { z } from "zod";
import { errorCodes, type ErrorInfo } from "./errors.js";

export const errorCodeSchema = z.enum(errorCodes);

export const errorInfoSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
}) satisfies z.ZodType<ErrorInfo>;

/** The body of every 4xx/5xx answer on the wire and of every failed contract call. */
export const errorBodySchema = z.object({ error: errorInfoSchema });
