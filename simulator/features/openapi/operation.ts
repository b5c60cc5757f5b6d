import { type z } from "zod";

/** Who may call an operation: anyone, a signed-in user (session token), or QA (control token). */
export type Access = "public" | "session" | "control";

export interface DocumentedResponse {
  description: string;
  /** The JSON body's schema; absent for an empty answer. */
  schema?: z.ZodType;
  /** Default `application/json` when there is a schema. */
  contentType?: string;
  /** A body that is not JSON (the login page, its script). */
  text?: true;
}

/**
 * One route of the simulator as the OpenAPI document states it, with the zod schemas the route
 * validates its input with and the schemas its answers are checked against in the tests.
 */
export interface Operation {
  method: "get" | "put" | "post" | "delete";
  /** OpenAPI path template: `/__sim/users/{userId}`. */
  path: string;
  operationId: string;
  tag: string;
  summary: string;
  description?: string;
  access: Access;
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  responses: Record<string, DocumentedResponse>;
}
