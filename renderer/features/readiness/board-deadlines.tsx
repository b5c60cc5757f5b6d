import { useTranslation } from "react-i18next";
import type { Deadline } from "../../../shared/wire/readiness.js";
import { formatDate } from "../../ui/dates.js";

/** The schedule's dates and where the simulated date stands to each. */
export function BoardDeadlines({ deadlines }: { deadlines: Deadline[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section aria-labelledby="board-deadlines-title">
      <h2 id="board-deadlines-title">{t("readiness.deadlines.title")}</h2>
      <ol className="board-deadlines">
        {deadlines.map((deadline) => (
          <li
            key={deadline.id}
            className={`deadline deadline-${deadline.status}`}
            data-deadline={deadline.id}
          >
            <span className="deadline-name">{t(`readiness.deadlines.${deadline.id}`)}</span>{" "}
            <time dateTime={deadline.at}>{formatDate(deadline.at, i18n.language)}</time>{" "}
            <span className="deadline-status">
              {t(`readiness.deadlines.status.${deadline.status}`, { count: Math.abs(deadline.daysLeft) })}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
