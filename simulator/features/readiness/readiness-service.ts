import { AppError } from "../../../shared/errors.js";
import { normalizeUserId } from "../../../shared/user-id.js";
import { type Phase } from "../../../shared/phases.js";
import { type Schedule } from "../../../shared/wire/control.js";
import {
  type BoardPc,
  type BoardUser,
  PC_REPORT_MAX_BYTES,
  type PcResult,
  pcReportSchema,
  type ReadinessBoard,
  type ReadinessQuery,
  reportTooLargeMessage,
  type SubmitPcResultRequest,
  type UserNeed,
} from "../../../shared/wire/readiness.js";
import { maskEmail } from "../../mail/mask-email.js";
import { type AuditLog } from "../../store/audit-log.js";
import {
  type BoardUserRecord,
  type PcResultRecord,
  type ReadinessStore,
  type Storage,
  type UserRecord,
} from "../../store/storage.js";
import { type DaEmailService, toPending } from "../da-email/da-email-service.js";
import { deadlinesAt } from "./deadlines.js";
import { needsOf, verdictOf } from "./verdict.js";

export interface ReadinessDeps {
  store: ReadinessStore;
  audit: AuditLog;
  /** One commit for a stored result and its audit line. */
  transaction: Storage["transaction"];
  schedule: Schedule;
  phase: () => Phase;
  now: () => number;
  daEmail: DaEmailService;
}

/** Two results of one PC whose checks started less than this apart are one result sent twice. */
const DUPLICATE_WINDOW_MS = 999;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/** A participant's migration readiness: the board its DA reads, and the PC results its users send. */
export class ReadinessService {
  constructor(private readonly d: ReadinessDeps) {}

  /** The board of `participant`, for one of its Delegated Administrators only; a page of its users. */
  async board(
    actor: UserRecord,
    participant: string,
    query: ReadinessQuery,
    clientAddress: string,
  ): Promise<ReadinessBoard> {
    if (actor.role !== "da" || actor.participant !== participant) {
      this.audit(actor, "readiness.board", "refused", participant, clientAddress);
      throw new AppError(
        "FORBIDDEN",
        actor.role === "da"
          ? `You can see only the readiness of your own participant (${actor.participant}).`
          : "Only a Delegated Administrator can see the participant's readiness.",
      );
    }
    // Applications that fell due on the simulated clock are processed before the board is read.
    await this.d.daEmail.settle();
    const now = this.d.now();
    const phase = this.d.phase();
    // Every user counts; only the page asked for is written out in full.
    const [boardUsers, latestPcs, results, pending] = await Promise.all([
      this.d.store.boardUsers(participant, now),
      this.d.store.latestPcResults(participant),
      this.d.store.countPcResults(participant),
      this.d.daEmail.pendingByUser(participant),
    ]);
    const users = boardUsers.map((user) => {
      const application = toPending(pending.get(normalizeUserId(user.userId)));
      return { user, application, needs: needsOf(user, phase, application !== null) };
    });
    const pcs: BoardPc[] = latestPcs
      .map((latest) => ({ ...toPcResult(latest), resultCount: latest.resultCount }))
      .sort(
        (a, b) =>
          Number(b.status === "fail") - Number(a.status === "fail") || a.pcName.localeCompare(b.pcName),
      );
    const notReady = users.filter((u) => u.needs.length > 0);
    const matching = query.users === "all" ? users : notReady;
    return {
      participant,
      participantName: actor.participantName,
      phase,
      serverTime: new Date(now).toISOString(),
      deadlines: deadlinesAt(this.d.schedule, now),
      users: {
        total: users.length,
        notReady: notReady.length,
        filter: query.users,
        offset: query.offset,
        matching: matching.length,
        items: matching
          .slice(query.offset, query.offset + query.limit)
          .map(({ user, application, needs }) => toBoardUser(user, needs, application)),
      },
      pcs: {
        total: pcs.length,
        failing: pcs.filter((pc) => pc.status === "fail").length,
        results,
        items: pcs,
      },
      verdict: verdictOf(users, pcs),
    };
  }

  /**
   * Stores a PC's connectivity result for `participant`, sent by one of its users: the report is
   * checked (size, JSON, shape, not the same check twice) before anything is stored.
   */
  async submit(
    actor: UserRecord,
    participant: string,
    request: SubmitPcResultRequest,
    clientAddress: string,
  ): Promise<PcResult> {
    const refuse = (error: AppError): AppError => {
      this.audit(
        actor,
        "readiness.pc-result",
        `refused-${error.code.toLowerCase()}`,
        request.pcName,
        clientAddress,
      );
      return error;
    };
    if (actor.participant !== participant) {
      throw refuse(
        new AppError(
          "FORBIDDEN",
          `You can send results only to your own participant's board (${actor.participant}).`,
        ),
      );
    }
    const bytes = Buffer.byteLength(request.report, "utf8");
    if (bytes > PC_REPORT_MAX_BYTES) throw refuse(tooLarge(bytes));
    let json: unknown;
    try {
      json = JSON.parse(request.report);
    } catch (error) {
      throw refuse(
        new AppError("REPORT_INVALID", `The file is not JSON: ${(error as Error).message}.`, {
          reason: "not-json",
        }),
      );
    }
    const parsed = pcReportSchema.safeParse(json);
    if (!parsed.success) {
      const problems = parsed.error.issues
        .slice(0, 5)
        .map((issue) =>
          issue.path.length > 0 ? `${issue.path.join(".")}: ${issue.message}` : issue.message,
        );
      throw refuse(
        new AppError(
          "REPORT_INVALID",
          `The file is not a connectivity report of the CCMS Terminal: ${problems.join("; ")}.`,
          { reason: "schema", problems },
        ),
      );
    }
    const report = parsed.data;
    const startedAt = Date.parse(report.startedAt);
    const record: PcResultRecord = {
      participant,
      pcName: request.pcName,
      status: report.status,
      startedAt,
      failingStep: report.steps.find((step) => step.status === "fail")?.id ?? null,
      target: report.target,
      source: request.source,
      fileName: request.fileName ?? null,
      submittedBy: actor.userId,
      submittedAt: this.d.now(),
      report: request.report,
    };
    const detail = `${request.pcName} ${report.status} (${request.source})`;
    const added = await this.d.transaction(async (tx) => {
      if (!(await tx.readiness.addPcResult(record, DUPLICATE_WINDOW_MS))) return false;
      this.audit(actor, "readiness.pc-result", "stored", detail, clientAddress, this.d.audit.in(tx));
      return true;
    });
    if (!added) {
      throw refuse(
        new AppError(
          "DUPLICATE_RESULT",
          `${request.pcName} already has the result of a check started at ${report.startedAt}; nothing was added.`,
          { pcName: request.pcName, startedAt: report.startedAt },
        ),
      );
    }
    return toPcResult(record);
  }

  private audit(
    actor: UserRecord,
    event: string,
    outcome: string,
    detail: string,
    clientAddress: string,
    log: AuditLog = this.d.audit,
  ): void {
    log.record({
      userId: actor.userKey,
      event,
      method: "readiness",
      outcome,
      clientAddress,
      detail,
    });
  }
}

/** REPORT_TOO_LARGE, saying the limit and the size given. */
export function tooLarge(bytes: number): AppError {
  return new AppError("REPORT_TOO_LARGE", reportTooLargeMessage(bytes), {
    maxBytes: PC_REPORT_MAX_BYTES,
    bytes,
  });
}

function toBoardUser(
  user: BoardUserRecord,
  needs: UserNeed[],
  emailApplication: BoardUser["emailApplication"],
): BoardUser {
  return {
    userId: user.userId,
    displayName: user.displayName,
    role: user.role,
    hasSmartcard: user.hasSmartcard,
    emailRegistered: user.email !== null,
    maskedEmail: user.email === null ? null : maskEmail(user.email),
    lockedUntil: iso(user.lockedUntil),
    first2faSignInAt: iso(user.first2faAt),
    last2faSignInAt: iso(user.last2faAt),
    lastSignIn:
      user.lastSignIn === null
        ? null
        : { at: new Date(user.lastSignIn.at).toISOString(), method: user.lastSignIn.method },
    failedAttemptsSinceLastSignIn: user.failuresSinceLastSignIn,
    emailApplication,
    needs,
  };
}

function toPcResult(record: Omit<PcResultRecord, "report" | "participant">): PcResult {
  return {
    pcName: record.pcName,
    status: record.status,
    startedAt: new Date(record.startedAt).toISOString(),
    failingStep: record.failingStep,
    target: record.target,
    source: record.source,
    fileName: record.fileName,
    submittedBy: record.submittedBy,
    submittedAt: new Date(record.submittedAt).toISOString(),
  };
}
