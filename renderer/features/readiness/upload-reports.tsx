import { useId, useRef, type ChangeEvent } from "react";
import { useTranslation } from "react-i18next";
import { limits } from "../../../shared/contract/limits.js";
import { errorText } from "../../i18n/error-text.js";
import { isPcName, pcNameOfReport } from "./pc-name.js";
import { useReadiness, type StagedReport } from "./readiness-store.js";

let serial = 0;

/** Reads the chosen files: one larger than a report can be is not read at all. */
async function toStaged(files: FileList): Promise<StagedReport[]> {
  return Promise.all(
    [...files].map(async (file) => {
      const content = file.size > limits.pcReportMaxBytes ? null : await file.text();
      return {
        key: `${++serial}`,
        fileName: file.name,
        bytes: file.size,
        pcName: pcNameOfReport(file.name, content),
        content,
        outcome: null,
      };
    }),
  );
}

/** The JSON reports IT staff saved, uploaded by the DA: each gets a PC name, then the server checks it. */
export function UploadReports() {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const staged = useReadiness((s) => s.staged);
  const uploading = useReadiness((s) => s.uploading);
  const stage = useReadiness((s) => s.stage);
  const rename = useReadiness((s) => s.rename);
  const unstage = useReadiness((s) => s.unstage);
  const upload = useReadiness((s) => s.upload);
  const waiting = staged.filter((each) => each.outcome?.kind !== "added");
  const namesOk = waiting.every((each) => isPcName(each.pcName));

  const onChoose = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = event.target.files;
    if (files && files.length > 0) stage(await toStaged(files));
    if (input.current) input.current.value = "";
  };

  return (
    <section aria-labelledby={`${id}-title`} className="upload-reports">
      <h2 id={`${id}-title`}>{t("readiness.upload.title")}</h2>
      <p className="hint" id={`${id}-hint`}>
        {t("readiness.upload.hint", { kb: limits.pcReportMaxBytes / 1024 })}
      </p>
      <label htmlFor={`${id}-files`}>{t("readiness.upload.choose")}</label>
      <input
        id={`${id}-files`}
        ref={input}
        type="file"
        accept=".json,application/json"
        multiple
        aria-describedby={`${id}-hint`}
        onChange={(event) => void onChoose(event)}
      />
      {staged.length > 0 ? (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (namesOk) void upload();
          }}
          noValidate
          aria-busy={uploading}
        >
          <ul className="staged-reports">
            {staged.map((report) => (
              <StagedRow
                key={report.key}
                report={report}
                onRename={(name) => rename(report.key, name)}
                onRemove={() => unstage(report.key)}
              />
            ))}
          </ul>
          {waiting.length > 0 ? (
            <button type="submit" className="primary" disabled={uploading || !namesOk}>
              {uploading
                ? t("readiness.upload.uploading")
                : t("readiness.upload.submit", { count: waiting.length })}
            </button>
          ) : null}
          {!namesOk ? <p className="field-problem">{t("readiness.upload.namesFirst")}</p> : null}
        </form>
      ) : null}
    </section>
  );
}

function StagedRow({
  report,
  onRename,
  onRemove,
}: {
  report: StagedReport;
  onRename: (name: string) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const added = report.outcome?.kind === "added";
  const invalid = !added && !isPcName(report.pcName);
  const refused = report.outcome?.kind === "refused" ? report.outcome.error : null;
  return (
    <li className={`staged staged-${report.outcome?.kind ?? "waiting"}`} data-file={report.fileName}>
      <span className="file-name">{report.fileName}</span>{" "}
      <span className="hint">
        {t("readiness.upload.size", { kb: Math.max(1, Math.ceil(report.bytes / 1024)) })}
      </span>
      {added ? (
        <p role="status" className="notice">
          {t("readiness.upload.added", { pcName: report.pcName })}
        </p>
      ) : (
        <>
          <div className={invalid ? "field field-invalid" : "field"}>
            <label htmlFor={`${id}-pc`}>{t("readiness.upload.pcNameFor", { file: report.fileName })}</label>
            <input
              id={`${id}-pc`}
              value={report.pcName}
              maxLength={limits.pcNameMax}
              autoComplete="off"
              spellCheck={false}
              aria-invalid={invalid || undefined}
              aria-describedby={invalid ? `${id}-problem` : undefined}
              onChange={(event) => onRename(event.target.value)}
            />
            {invalid ? (
              <p id={`${id}-problem`} className="field-problem">
                {t("readiness.pcNameInvalid")}
              </p>
            ) : null}
          </div>
          {refused ? (
            <p role="alert" className="alert alert-error">
              {t("readiness.upload.refused", { file: report.fileName })} {reportErrorText(t, refused)}
            </p>
          ) : null}
          <button
            type="button"
            className="link"
            aria-label={t("readiness.upload.removeFile", { file: report.fileName })}
            onClick={onRemove}
          >
            {t("readiness.upload.remove")}
          </button>
        </>
      )}
    </li>
  );
}

/** A refused report's reason: which of the checks it failed, in the chosen language, and the server's detail. */
function reportErrorText(
  t: Parameters<typeof errorText>[0],
  error: { code: string; details?: Record<string, unknown> },
) {
  if (error.code === "REPORT_INVALID") {
    const reason = error.details?.["reason"] === "not-json" ? "notJson" : "notReport";
    const problems = Array.isArray(error.details?.["problems"])
      ? (error.details["problems"] as unknown[])
      : [];
    return `${t(`readiness.upload.${reason}`)}${problems.length > 0 ? ` (${problems.map(String).join("; ")})` : ""}`;
  }
  return errorText(t, error);
}
