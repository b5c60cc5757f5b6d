import type { TFunction } from "i18next";
import { isLockedUntilUnlocked } from "../../../shared/wire/admin.js";
import type { ReadinessBoard } from "../../../shared/wire/readiness.js";
import { csvFile, csvLine as line } from "../../ui/csv.js";
import { formatDate, formatDateTime } from "../../ui/dates.js";

/**
 * The board as one CSV file in the chosen language: the verdict, the deadlines, the users and the
 * PCs, each a block with its own header row. Dates and times in Hong Kong time.
 */
export function boardCsv(board: ReadinessBoard, t: TFunction, language: string): string {
  const when = (iso: string | null) => (iso === null ? "" : formatDateTime(iso, language));
  const lines: string[] = [
    line([t("readiness.csv.participant"), `${board.participant} ${board.participantName}`]),
    line([t("readiness.csv.generatedAt"), when(board.serverTime)]),
    line([
      t("readiness.csv.verdict"),
      t(board.verdict.ready ? "readiness.verdict.ready" : "readiness.verdict.notReady", {
        participant: board.participant,
      }),
    ]),
    ...board.verdict.reasons.map((reason) =>
      line(["", t(`readiness.verdict.reasons.${reason.code}`, { count: reason.count })]),
    ),
    line([t("readiness.usersNotReady", { notReady: board.users.notReady, total: board.users.total })]),
    "",
    line([t("readiness.deadlines.title"), t("readiness.csv.date"), t("readiness.csv.status")]),
    ...board.deadlines.map((d) =>
      line([
        t(`readiness.deadlines.${d.id}`),
        formatDate(d.at, language),
        t(`readiness.deadlines.status.${d.status}`, { count: Math.abs(d.daysLeft) }),
      ]),
    ),
    "",
    line([
      t("admin.columns.userId"),
      t("admin.columns.name"),
      t("admin.columns.role"),
      t("admin.columns.email"),
      t("readiness.users.smartcard"),
      t("readiness.users.locked"),
      t("readiness.csv.first2fa"),
      t("readiness.csv.last2fa"),
      t("readiness.users.lastSignIn"),
      t("readiness.csv.method"),
      t("readiness.csv.failedSince"),
      t("readiness.users.needs"),
      t("readiness.csv.application"),
    ]),
    ...board.users.items.map((u) =>
      line([
        u.userId,
        u.displayName,
        t(`admin.roles.${u.role}`),
        u.maskedEmail ?? t("admin.notRegistered"),
        t(u.hasSmartcard ? "readiness.yes" : "readiness.no"),
        u.lockedUntil === null
          ? ""
          : isLockedUntilUnlocked(u.lockedUntil)
            ? t("admin.untilUnlocked")
            : when(u.lockedUntil),
        u.first2faSignInAt === null ? t("readiness.users.never") : when(u.first2faSignInAt),
        when(u.last2faSignInAt),
        when(u.lastSignIn?.at ?? null),
        u.lastSignIn ? t(`desktop.methods.${u.lastSignIn.method}`) : "",
        u.failedAttemptsSinceLastSignIn,
        u.needs.length === 0
          ? t("readiness.users.ready")
          : u.needs.map((need) => t(`readiness.needs.${need}`)).join("; "),
        u.emailApplication === null
          ? ""
          : [
              t("readiness.csv.applicationValue", {
                maskedEmail: u.emailApplication.maskedEmail,
                submitted: when(u.emailApplication.submittedAt),
                due: when(u.emailApplication.dueAt),
              }),
              ...(u.emailApplication.late ? [t("readiness.users.late")] : []),
            ].join("; "),
      ]),
    ),
    "",
    line([
      t("readiness.pcs.pc"),
      t("readiness.pcs.result"),
      t("readiness.pcs.when"),
      t("readiness.pcs.failingStep"),
      t("readiness.pcs.source"),
      t("readiness.csv.file"),
      t("readiness.csv.resultCount"),
    ]),
    ...board.pcs.items.map((pc) =>
      line([
        pc.pcName,
        t(`connectivity.status.${pc.status}`),
        when(pc.startedAt),
        pc.failingStep ? t(`connectivity.step.${pc.failingStep}`) : "",
        t(`readiness.pcs.sources.${pc.source}`, { user: pc.submittedBy }),
        pc.fileName ?? "",
        pc.resultCount,
      ]),
    ),
  ];
  return csvFile(lines);
}
