import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useNav } from "../../app/nav-store.js";
import { formatDateTime } from "../../ui/dates.js";
import { saveFile } from "../../ui/save-file.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { useFocusOnMount } from "../../ui/focus.js";
import { useSession } from "../session/session-store.js";
import { boardCsv } from "./board-csv.js";
import { BoardDeadlines } from "./board-deadlines.js";
import { BoardPcs } from "./board-pcs.js";
import { BoardUsers } from "./board-users.js";
import { BoardVerdict } from "./board-verdict.js";
import { useReadiness } from "./readiness-store.js";
import { UploadReports } from "./upload-reports.js";
import "./readiness.css";

/** The DA's migration readiness board: deadlines, users, terminal PCs, the verdict; CSV export. */
export default function ReadinessScreen() {
  const { t, i18n } = useTranslation();
  const session = useSession((s) => s.session);
  const go = useNav((s) => s.go);
  const board = useReadiness((s) => s.board);
  const loading = useReadiness((s) => s.loading);
  const error = useReadiness((s) => s.error);
  const filter = useReadiness((s) => s.filter);
  const setFilter = useReadiness((s) => s.setFilter);
  const load = useReadiness((s) => s.load);
  const showMore = useReadiness((s) => s.showMore);
  const fetchAll = useReadiness((s) => s.fetchAll);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();

  useEffect(() => {
    void load();
  }, [load]);

  if (!session) return null;

  const exportCsv = async () => {
    const all = await fetchAll();
    if (!all) return;
    saveFile({
      fileName: `ccms-readiness-${all.participant}-${all.serverTime.slice(0, 10)}.csv`,
      mimeType: "text/csv;charset=utf-8",
      content: boardCsv(all, t, i18n.language),
    });
  };

  return (
    <section
      className="card readiness"
      aria-labelledby="readiness-title"
      data-board-state={board ? "ready" : loading ? "loading" : "empty"}
    >
      <h1 id="readiness-title" ref={headingRef} tabIndex={-1}>
        {t("readiness.title")}
      </h1>
      <p className="intro">
        {t("readiness.intro", { participant: `${session.participant} · ${session.participantName}` })}
      </p>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => go("desktop")}>
          {t("admin.back")}
        </button>
        <button type="button" className="secondary" disabled={loading} onClick={() => void load()}>
          {loading ? t("admin.refreshing") : t("readiness.refresh")}
        </button>
        <button type="button" className="secondary" disabled={!board} onClick={() => void exportCsv()}>
          {t("readiness.exportCsv")}
        </button>
      </div>
      <ErrorAlert error={error} />
      {!board && loading ? <p className="hint">{t("common.loading")}</p> : null}
      {board ? (
        <div aria-busy={loading}>
          <p className="hint">
            {t("readiness.asOf", { time: formatDateTime(board.serverTime, i18n.language) })}
          </p>
          <BoardVerdict board={board} />
          <BoardDeadlines deadlines={board.deadlines} />
          <BoardUsers
            users={board.users}
            filter={filter}
            loading={loading}
            onFilter={(each) => void setFilter(each)}
            onShowMore={() => void showMore()}
          />
          <BoardPcs pcs={board.pcs} />
          <UploadReports />
        </div>
      ) : null}
    </section>
  );
}
