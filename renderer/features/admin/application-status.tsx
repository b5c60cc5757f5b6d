import { useTranslation } from "react-i18next";
import type { PendingDaEmail } from "../../../shared/wire/da-email.js";
import { formatDate } from "../../ui/dates.js";
import "./application-status.css";

/** A DA's email application HKEX is processing: the address, who applied and when, when it is due, late or not. */
export function ApplicationStatus({ application }: { application: PendingDaEmail }) {
  const { t, i18n } = useTranslation();
  return (
    <span className="da-application">
      <span className="tag tag-pending">{t("admin.application.pending")}</span>
      {application.late ? <span className="tag tag-late">{t("admin.application.late")}</span> : null}
      <span className="hint">
        {t("admin.application.detail", {
          maskedEmail: application.maskedEmail,
          submittedBy: application.submittedBy,
          submitted: formatDate(application.submittedAt, i18n.language),
          due: formatDate(application.dueAt, i18n.language),
        })}
      </span>
    </span>
  );
}
