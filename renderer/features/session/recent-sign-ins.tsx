import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { RecentSignIns as Recent } from "../../../shared/wire/session.js";
import { ccms } from "../../bridge/index.js";
import { formatDateTime } from "../../ui/dates.js";

/** The user's last sign-in before this one and the failed attempts since, as banking terminals show them. */
export function RecentSignIns() {
  const { t, i18n } = useTranslation();
  const [recent, setRecent] = useState<Recent | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    void ccms()
      .then((api) => api.session.recentSignIns({}))
      .then(
        (answer) => {
          if (live) setRecent(answer);
        },
        () => {
          if (live) setFailed(true);
        },
      );
    return () => {
      live = false;
    };
  }, []);

  return (
    <section
      className="recent-sign-ins"
      aria-labelledby="recent-sign-ins-title"
      data-testid="recent-sign-ins"
      aria-busy={!failed && recent === null}
    >
      <h2 id="recent-sign-ins-title">{t("session.recent.title")}</h2>
      {failed ? <p className="hint">{t("session.recent.unavailable")}</p> : null}
      {!failed && recent === null ? <p className="hint">{t("common.loading")}</p> : null}
      {recent ? (
        <>
          <p>
            {recent.previous
              ? t("session.recent.last", {
                  time: formatDateTime(recent.previous.at, i18n.language),
                  method: t(`desktop.methods.${recent.previous.method}`),
                })
              : t("session.recent.first")}
          </p>
          <p className={recent.failedAttempts > 0 ? "alert alert-warning" : undefined}>
            {t(recent.previous ? "session.recent.failedSince" : "session.recent.failedEver", {
              count: recent.failedAttempts,
            })}
            {recent.lastFailureAt
              ? ` ${t("session.recent.lastFailure", { time: formatDateTime(recent.lastFailureAt, i18n.language) })}`
              : ""}
          </p>
        </>
      ) : null}
    </section>
  );
}
