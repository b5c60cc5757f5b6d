import { useTranslation } from "react-i18next";
import type { ReadinessBoard } from "../../../shared/wire/readiness.js";

/** Ready or not, with the reasons, and the count of users not ready. */
export function BoardVerdict({ board }: { board: ReadinessBoard }) {
  const { t } = useTranslation();
  const { verdict } = board;
  return (
    <section
      className={`board-verdict ${verdict.ready ? "verdict-ready" : "verdict-not-ready"}`}
      aria-labelledby="board-verdict-title"
      data-verdict={verdict.ready ? "ready" : "not-ready"}
    >
      <h2 id="board-verdict-title">
        {t(verdict.ready ? "readiness.verdict.ready" : "readiness.verdict.notReady", {
          participant: board.participant,
        })}
      </h2>
      <p className="board-count" data-testid="users-not-ready">
        {t("readiness.usersNotReady", { notReady: board.users.notReady, total: board.users.total })}
      </p>
      {verdict.reasons.length > 0 ? (
        <ul className="verdict-reasons">
          {verdict.reasons.map((reason) => (
            <li key={reason.code}>
              {t(`readiness.verdict.reasons.${reason.code}`, { count: reason.count })}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
