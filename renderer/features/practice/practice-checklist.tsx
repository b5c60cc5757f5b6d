import { useEffect, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { PracticeItem } from "../../../shared/contract/practice.js";
import { loadAllLanguages } from "../../i18n/index.js";
import { formatDateTime, formatMoment } from "../../ui/dates.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { saveFile } from "../../ui/save-file.js";
import { useSession } from "../session/session-store.js";
import { useSettings } from "../settings/settings-store.js";
import { usePractice } from "./practice-store.js";
import "./practice.css";

/**
 * The rehearsals that make sense at the simulated moment for the user practising,
 * each ticked once the simulator's audit log shows it done, each with what the
 * circulars say; and the rehearsal record to save.
 */
export default function PracticeChecklist() {
  const { t, i18n } = useTranslation();
  const view = usePractice((s) => s.view);
  const loading = usePractice((s) => s.loading);
  const error = usePractice((s) => s.error);
  const load = usePractice((s) => s.load);
  // A new simulated moment, or another user signed in: the checklist is read again.
  const simulatedNow = useSettings((s) => s.simStatus?.now);
  const signedIn = useSession((s) => s.session?.userId);

  useEffect(() => {
    void load();
  }, [load, simulatedNow, signedIn]);

  if (!view || (!view.available && view.reason === "no-control")) return null;

  const saveRecord = async () => {
    if (!view.available) return;
    // The record is in both languages: the other one's strings are fetched if this page has not yet.
    const [{ rehearsalRecordHtml, rehearsalRecordFileName }] = await Promise.all([
      import("./rehearsal-record.js"),
      loadAllLanguages(),
    ]);
    const madeAt = new Date();
    saveFile({
      fileName: rehearsalRecordFileName(view.user.userId, madeAt),
      mimeType: "text/html;charset=utf-8",
      content: rehearsalRecordHtml(
        view,
        { en: i18n.getFixedT("en"), "zh-HK": i18n.getFixedT("zh-HK") },
        madeAt,
      ),
    });
  };

  let body: ReactNode;
  if (!view.available) {
    body = (
      <p className="hint">{t(view.reason === "no-user" ? "practice.noUser" : "practice.unknownUser")}</p>
    );
  } else {
    const items = view.items.filter((item) => item.applicable);
    body = (
      <>
        <p className="intro">
          {t("practice.intro", {
            name: view.user.displayName,
            userId: view.user.userId,
            phase: t(`phases.${view.phase}`),
          })}
        </p>
        <ul className="practice-items" aria-label={t("practice.listLabel")}>
          {items.map((item) => (
            <PracticeEntry key={item.id} item={item} language={i18n.language} />
          ))}
        </ul>
        <div className="actions">
          <button type="button" className="secondary" disabled={loading} onClick={() => void load()}>
            {loading ? t("practice.refreshing") : t("practice.refresh")}
          </button>
          <button type="button" className="secondary" onClick={() => void saveRecord()}>
            {t("practice.saveRecord")}
          </button>
        </div>
      </>
    );
  }

  return (
    <section className="practice" aria-labelledby="practice-title">
      <h2 id="practice-title">{t("practice.title")}</h2>
      <ErrorAlert error={error} />
      {body}
    </section>
  );
}

function PracticeEntry({ item, language }: { item: PracticeItem; language: string }) {
  const { t } = useTranslation();
  return (
    <li
      className={item.done ? "practice-item practice-done" : "practice-item"}
      data-item={item.id}
      data-state={item.done ? "done" : item.pending ? "pending" : "not-yet"}
    >
      <span className="practice-mark" aria-hidden="true">
        {item.done ? "✓" : ""}
      </span>
      <div>
        <p className="practice-name">
          <strong>{t(`practice.items.${item.id}.title`)}</strong>
          <span className={item.done ? "tag tag-ok" : item.pending ? "tag tag-pending" : "tag"}>
            {item.done ? t("practice.done") : item.pending ? t("practice.pending") : t("practice.notYet")}
          </span>
        </p>
        <p className="hint">
          <em>{t("practice.circularsSay")}</em> {t(`practice.items.${item.id}.circular`)}
        </p>
        {item.done && item.firstAt ? (
          <p className="hint practice-when">
            {t("practice.doneAt", {
              count: item.times,
              real: item.firstRealAt ? formatDateTime(item.firstRealAt, language) : "—",
              simulated: formatMoment(item.firstAt, language),
            })}
          </p>
        ) : null}
      </div>
    </li>
  );
}
