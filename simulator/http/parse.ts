import { type FastifyRequest } from "fastify";
import { type z } from "zod";
import { AppError } from "../../shared/errors.js";

function problems(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message))
    .join("; ");
}

/** Validates a value with a zod schema, or throws INVALID_INPUT naming the fields at fault. */
export function parseWith<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError("INVALID_INPUT", `Invalid ${what}: ${problems(result.error)}.`);
  return result.data;
}

export function parseBody<T extends z.ZodType>(schema: T, request: FastifyRequest): z.infer<T> {
  return parseWith(schema, request.body ?? null, "request body");
}

export function parseQuery<T extends z.ZodType>(schema: T, request: FastifyRequest): z.infer<T> {
  return parseWith(schema, request.query ?? {}, "query");
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== "string") return null;
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]{1,512})\s*$/i.exec(header);
  return match?.[1] ?? null;
}
