import { type FastifyInstance, type FastifyRequest } from "fastify";
import { type CommitBarrier } from "../store/storage.js";

declare module "fastify" {
  interface FastifyRequest {
    /** The group commit's number when the request arrived (see commitBeforeAnswer). */
    firstCommitGroup: number;
  }
}

/**
 * No answer leaves before the writes it may report are committed: each answer
 * waits for the open group of writes (a turn of the event loop at most). An
 * answer whose writes may have been in a lost group becomes a 500 instead.
 */
export function commitBeforeAnswer(app: FastifyInstance, commits: CommitBarrier): void {
  const refused = new WeakSet<FastifyRequest>();
  app.decorateRequest("firstCommitGroup", 0);
  app.addHook("onRequest", (request, _reply, done) => {
    request.firstCommitGroup = commits.group;
    done();
  });
  app.addHook("onSend", (request, _reply, payload, done) => {
    // The 500 that replaced a refused answer acknowledges nothing.
    if (refused.has(request)) {
      done(null, payload);
      return;
    }
    commits.afterCommit((error) => {
      const failure =
        error ??
        (commits.lostSince(request.firstCommitGroup)
          ? new Error("a group of writes this answer may report was lost")
          : null);
      if (failure === null) {
        done(null, payload);
        return;
      }
      refused.add(request);
      done(failure);
    });
  });
}
