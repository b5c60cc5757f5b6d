import { type FastifyInstance } from "fastify";
import { type CommitBarrier } from "../store/storage.js";
import { uncommittedAnswer } from "./error-handler.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The group commit's number when the request arrived (see commitBeforeAnswer). */
    firstCommitGroup: number;
  }
}

/**
 * No answer leaves before the writes it may report are committed: each answer
 * waits for the open group of writes (a turn of the event loop at most). An
 * answer whose writes may have been in a lost group is replaced: 503 with
 * Retry-After when the database is away, else 500 (see uncommittedAnswer).
 */
export function commitBeforeAnswer(app: FastifyInstance, commits: CommitBarrier): void {
  app.decorateRequest("firstCommitGroup", 0);
  app.addHook("onRequest", (request, _reply, done) => {
    request.firstCommitGroup = commits.group;
    done();
  });
  app.addHook("onSend", (request, reply, payload, done) => {
    commits.afterCommit((error) => {
      const failure = error ?? commits.lostSince(request.firstCommitGroup);
      done(null, failure === null ? payload : uncommittedAnswer(request, reply, failure));
    });
  });
}
