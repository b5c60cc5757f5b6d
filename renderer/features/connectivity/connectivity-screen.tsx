import { useEffect, useId } from "react";
import { useTranslation } from "react-i18next";
import {
  PRODUCTION_SSO_URL,
  type CheckStep,
  type CheckStepId,
  type ReportFormat,
} from "../../../shared/contract/connectivity.js";
import { useNav } from "../../app/nav-store.js";
import { stepText, useCheckWording } from "../../i18n/check-wording.js";
import { formatDateTime } from "../../ui/dates.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { Field } from "../../ui/field.js";
import { useFocusOnMount } from "../../ui/focus.js";
import { saveFile } from "../../ui/save-file.js";
import { SendResult } from "../readiness/send-result.js";
import { useSession } from "../session/session-store.js";
import { useConnectivity, type TargetKind } from "./connectivity-store.js";
import { summaryKey } from "./summary-key.js";
import "./connectivity.css";

interface Props {
  /** Where "Back" goes; the sign-in screen by default. */
  onBack?: () => void;
}

const targetKinds: TargetKind[] = ["production", "builtin", "url"];

/** Checks, step by step, that this PC reaches the 2FA server; reachable without signing in. */
export function ConnectivityScreen({ onBack }: Props) {
  const { t, i18n } = useTranslation();
  const go = useNav((s) => s.go);
  const form = useConnectivity((s) => s.form);
  const running = useConnectivity((s) => s.running);
  const steps = useConnectivity((s) => s.steps);
  const planned = useConnectivity((s) => s.planned);
  const run = useConnectivity((s) => s.run);
  const history = useConnectivity((s) => s.history);
  const error = useConnectivity((s) => s.error);
  const setField = useConnectivity((s) => s.setField);
  const start = useConnectivity((s) => s.start);
  const listen = useConnectivity((s) => s.listen);
  const loadHistory = useConnectivity((s) => s.loadHistory);
  const show = useConnectivity((s) => s.show);
  const report = useConnectivity((s) => s.report);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const id = useId();

  useEffect(() => listen(), [listen]);
  useEffect(() => {
    void loadHistory();
  }, [loadHistory]);

  // Signed in, the check is one of the desktop's functions, and its result can go to the participant's board.
  const signedIn = useSession((s) => s.session !== null);
  const back = onBack ?? (() => go(signedIn ? "desktop" : "login"));
  const save = async (format: ReportFormat) => {
    const file = await report(format);
    if (file) saveFile(file);
  };
  const started = running || Object.keys(steps).length > 0;

  return (
    <section className="card connectivity" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
        {t("connectivity.title")}
      </h1>
      <p className="intro">{t("connectivity.intro")}</p>

      <form
        onSubmit={(event) => {
          event.preventDefault();
          void start();
        }}
      >
        <fieldset className="choices">
          <legend>{t("connectivity.targetLegend")}</legend>
          {targetKinds.map((kind) => (
            <label key={kind} className="choice">
              <input
                type="radio"
                name={`${id}-target`}
                value={kind}
                checked={form.targetKind === kind}
                onChange={() => setField("targetKind", kind)}
              />
              {t(`connectivity.target.${kind}`, { url: PRODUCTION_SSO_URL })}
            </label>
          ))}
        </fieldset>
        {form.targetKind === "url" ? (
          <Field
            id={`${id}-url`}
            label={t("connectivity.urlLabel")}
            hint={t("connectivity.urlHint")}
            type="url"
            required
            value={form.url}
            onChange={(event) => setField("url", event.target.value)}
          />
        ) : null}
        <details className="check-options">
          <summary>{t("connectivity.moreOptions")}</summary>
          <Field
            id={`${id}-dns`}
            label={t("connectivity.dnsLabel")}
            hint={t("connectivity.dnsHint")}
            type="text"
            value={form.dnsServers}
            onChange={(event) => setField("dnsServers", event.target.value)}
          />
          <Field
            id={`${id}-ca`}
            label={t("connectivity.caLabel")}
            hint={t("connectivity.caHint")}
            type="text"
            value={form.caFile}
            onChange={(event) => setField("caFile", event.target.value)}
          />
          <Field
            id={`${id}-proxy`}
            label={t("connectivity.proxyLabel")}
            hint={t("connectivity.proxyHint")}
            type="text"
            value={form.proxy}
            onChange={(event) => setField("proxy", event.target.value)}
          />
          <Field
            id={`${id}-timeout`}
            label={t("connectivity.timeoutLabel")}
            hint={t("connectivity.timeoutHint")}
            type="text"
            inputMode="decimal"
            value={form.timeoutSeconds}
            onChange={(event) => setField("timeoutSeconds", event.target.value)}
          />
        </details>
        <div className="actions">
          <button type="submit" className="primary" disabled={running}>
            {running ? t("connectivity.running") : t("connectivity.run")}
          </button>
          <button type="button" className="secondary" onClick={back}>
            {signedIn ? t("admin.back") : t("common.backToSignIn")}
          </button>
        </div>
      </form>

      <ErrorAlert error={error} />

      {started ? (
        <div className="check-result">
          <h2>{t("connectivity.stepsTitle")}</h2>
          <ol className="check-steps" aria-live="polite" aria-busy={running}>
            {planned.map((stepId) => (
              <StepItem key={stepId} id={stepId} step={steps[stepId]} running={running} />
            ))}
          </ol>
          {run ? (
            <div className={`check-summary check-${run.result.status}`} role="status">
              <p>
                <strong>{t(`connectivity.status.${run.result.status}`)}</strong>{" "}
                {t(`connectivity.summary.${summaryKey(run.result)}`)}
              </p>
              <p className="hint">
                {t("connectivity.timings", {
                  dns: run.result.timings.dnsMs ?? "–",
                  connect: run.result.timings.connectMs ?? "–",
                  tls: run.result.timings.tlsMs ?? "–",
                  ttfb: run.result.timings.ttfbMs ?? "–",
                  total: run.result.timings.totalMs,
                })}
              </p>
              <div className="actions">
                <button type="button" className="secondary" onClick={() => void save("json")}>
                  {t("connectivity.saveJson")}
                </button>
                <button type="button" className="secondary" onClick={() => void save("html")}>
                  {t("connectivity.saveHtml")}
                </button>
              </div>
            </div>
          ) : null}
          {run && signedIn ? <SendResult key={run.runId} run={run} /> : null}
        </div>
      ) : null}

      <h2 id={`${id}-history`}>{t("connectivity.historyTitle")}</h2>
      {history.length === 0 ? (
        <p className="hint">{t("connectivity.historyEmpty")}</p>
      ) : (
        <ul className="check-history" aria-labelledby={`${id}-history`}>
          {history.slice(0, 20).map((entry) => (
            <li key={entry.runId}>
              <button
                type="button"
                className="link"
                onClick={() => void show(entry.runId)}
                aria-label={t("connectivity.historyOpen", {
                  time: formatDateTime(entry.startedAt, i18n.language),
                  target: entry.target,
                  status: t(`connectivity.status.${entry.status}`),
                })}
              >
                <time dateTime={entry.startedAt}>{formatDateTime(entry.startedAt, i18n.language)}</time>
              </button>{" "}
              <span className={`check-badge check-${entry.status}`}>
                {t(`connectivity.status.${entry.status}`)}
              </span>{" "}
              <span className="check-target">{entry.target}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function StepItem({ id, step, running }: { id: CheckStepId; step: CheckStep | undefined; running: boolean }) {
  const { t } = useTranslation();
  const wording = useCheckWording();
  const status = step?.status ?? (running ? "pending" : "skip");
  const text = step ? stepText(step, wording) : null;
  return (
    <li className={`check-step check-${status}`}>
      <div className="check-step-head">
        <span className={`check-badge check-${status}`}>{t(`connectivity.status.${status}`)}</span>
        <strong>{t(`connectivity.step.${id}`)}</strong>
        {step ? <span className="hint">{t("connectivity.duration", { ms: step.durationMs })}</span> : null}
      </div>
      {text ? <pre className="check-detail">{text.detail}</pre> : null}
      {text?.hint ? (
        <p className="check-hint">
          <strong>{t("connectivity.whatToDo")}</strong> {text.hint}
        </p>
      ) : null}
    </li>
  );
}

export default ConnectivityScreen;
