import { AppError } from "../../../shared/errors.js";
import {
  PC_REPORT_MAX_BYTES,
  pcResultsPath,
  readinessBoardSchema,
  readinessPath,
  reportTooLargeMessage,
  submitPcResultResponseSchema,
  type ReadinessBoard,
  type ReadinessQuery,
  type SubmitPcResultRequest,
} from "../../../shared/wire/readiness.js";
import type { SessionRequester } from "../admin/admin-client.js";

/** The signed-in session, and the participant it belongs to. */
export interface ParticipantSession extends SessionRequester {
  readonly participant: string;
}

/**
 * The participant's readiness over the wire: the DA's board, and connectivity results sent to it.
 * The server validates every report; a report over the size limit is refused here before it is sent.
 */
export class ReadinessClient {
  constructor(private readonly session: ParticipantSession) {}

  board(query: ReadinessQuery): Promise<ReadinessBoard> {
    return this.session.sessionRequest(
      {
        method: "GET",
        url: readinessPath(this.session.participant),
        params: { users: query.users, offset: String(query.offset), limit: String(query.limit) },
      },
      readinessBoardSchema,
    );
  }

  submit(request: SubmitPcResultRequest) {
    const bytes = Buffer.byteLength(request.report, "utf8");
    if (bytes > PC_REPORT_MAX_BYTES) {
      throw new AppError("REPORT_TOO_LARGE", reportTooLargeMessage(bytes), {
        maxBytes: PC_REPORT_MAX_BYTES,
        bytes,
      });
    }
    return this.session.sessionRequest(
      { method: "POST", url: pcResultsPath(this.session.participant), data: request },
      submitPcResultResponseSchema,
    );
  }
}
