import { memo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { BoardPc, ReadinessBoard } from "../../../shared/wire/readiness.js";
import { formatDateTime } from "../../ui/dates.js";
import { PAGE_ROWS } from "./readiness-store.js";

/** Each terminal PC's latest connectivity result: failing ones first. */
export function BoardPcs({ pcs }: { pcs: ReadinessBoard["pcs"] }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(PAGE_ROWS);
  return (
    <section aria-labelledby="board-pcs-title">
      <h2 id="board-pcs-title">{t("readiness.pcs.title")}</h2>
      <p className="board-count" data-testid="pcs-summary">
        {t("readiness.pcs.summary", { count: pcs.total, failing: pcs.failing, results: pcs.results })}
      </p>
      {pcs.items.length === 0 ? (
        <p className="hint">{t("readiness.pcs.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="board-table board-pcs">
            <caption className="visually-hidden">{t("readiness.pcs.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("readiness.pcs.pc")}</th>
                <th scope="col">{t("readiness.pcs.result")}</th>
                <th scope="col">{t("readiness.pcs.when")}</th>
                <th scope="col">{t("readiness.pcs.failingStep")}</th>
                <th scope="col">{t("readiness.pcs.source")}</th>
              </tr>
            </thead>
            <tbody>
              {pcs.items.slice(0, shown).map((pc) => (
                <PcRow key={pc.pcName} pc={pc} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {shown < pcs.items.length ? (
        <button type="button" className="secondary" onClick={() => setShown(shown + PAGE_ROWS)}>
          {t("readiness.showMore", {
            count: Math.min(PAGE_ROWS, pcs.items.length - shown),
            left: pcs.items.length - shown,
          })}
        </button>
      ) : null}
    </section>
  );
}

const PcRow = memo(function PcRow({ pc }: { pc: BoardPc }) {
  const { t, i18n } = useTranslation();
  return (
    <tr data-pc={pc.pcName} data-status={pc.status}>
      <th scope="row">{pc.pcName}</th>
      <td>
        <span className={`check-badge check-${pc.status}`}>{t(`connectivity.status.${pc.status}`)}</span>
        {pc.resultCount > 1 ? (
          <span className="hint"> {t("readiness.pcs.results", { count: pc.resultCount })}</span>
        ) : null}
      </td>
      <td>
        <time dateTime={pc.startedAt}>{formatDateTime(pc.startedAt, i18n.language)}</time>
      </td>
      <td>{pc.failingStep ? t(`connectivity.step.${pc.failingStep}`) : <span className="hint">—</span>}</td>
      <td>
        {t(`readiness.pcs.sources.${pc.source}`, { user: pc.submittedBy })}
        {pc.fileName ? <span className="file-name"> ({pc.fileName})</span> : null}
      </td>
    </tr>
  );
});
