import { AppError } from "../../../shared/errors.js";
import { jsonReport } from "../../services/connectivity/report.js";
import { CheckHistoryStore } from "../../services/connectivity/history-store.js";
import { ReadinessClient } from "../../services/readiness/readiness-client.js";
import { localDataDirOf } from "../config.js";
import type { HostContext } from "../context.js";
import type { Handlers } from "../dispatch.js";
import { checkHistoryDir } from "./connectivity.js";

type ReadinessMethod = "readiness.board" | "readiness.uploadReport" | "readiness.sendResult";

/** The participant's readiness board and the connectivity results sent to it, with the signed-in session. */
export function readinessHandlers(ctx: HostContext): Pick<Handlers, ReadinessMethod> {
  const readiness = () => new ReadinessClient(ctx.auth());
  const history = new CheckHistoryStore(checkHistoryDir(localDataDirOf(ctx.config)));
  return {
    "readiness.board": (input) => readiness().board(input),
    "readiness.uploadReport": (input) =>
      readiness().submit({
        pcName: input.pcName,
        source: "upload",
        fileName: input.fileName,
        report: input.content,
      }),
    // The report sent is exactly the JSON report this app saves for the run.
    "readiness.sendResult": async (input) => {
      const run = history.get(input.runId);
      if (run === null)
        throw new AppError("CHECK_NOT_FOUND", "That connectivity check is not in this app's history.");
      return readiness().submit({ pcName: input.pcName, source: "app", report: jsonReport(run.result) });
    },
  };
}
