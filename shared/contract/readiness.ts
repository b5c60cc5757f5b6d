import { z } from "zod";
import {
  pcNameSchema,
  READINESS_PAGE_MAX,
  readinessBoardSchema,
  submitPcResultResponseSchema,
  userFilterSchema,
} from "../wire/readiness.js";
import { method } from "./define.js";
import { runIdSchema } from "./connectivity.js";

/**
 * The participant's migration readiness, with the signed-in session (kept in the main process): the DA's
 * board, and the connectivity results that reach it. The server decides who may see and send what.
 */
export const readinessMethods = {
  /** The board of the signed-in DA's participant, with a page of its users; FORBIDDEN for anyone else. */
  "readiness.board": method(
    z.strictObject({
      users: userFilterSchema.default("all"),
      offset: z.number().int().min(0).max(1_000_000).default(0),
      limit: z.number().int().min(1).max(READINESS_PAGE_MAX).default(200),
    }),
    readinessBoardSchema,
  ),
  /** A saved JSON report, as read from its file; the server checks it (REPORT_INVALID, REPORT_TOO_LARGE, DUPLICATE_RESULT). */
  "readiness.uploadReport": method(
    z.strictObject({
      pcName: pcNameSchema,
      fileName: z.string().trim().min(1).max(255),
      content: z.string(),
    }),
    submitPcResultResponseSchema,
  ),
  /** The result of a check run in this app (from its history), for the signed-in user's participant. */
  "readiness.sendResult": method(
    z.strictObject({ runId: runIdSchema, pcName: pcNameSchema }),
    submitPcResultResponseSchema,
  ),
};
