import { useEffect, useState, type FormEvent } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { limits } from "../../../shared/contract/limits.js";
import type { ProxyMode, RouteView } from "../../../shared/contract/network.js";
import { useNav } from "../../app/nav-store.js";
import { word } from "../../../shared/check-text/check-message.js";
import { useCheckWording } from "../../i18n/check-wording.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { Field } from "../../ui/field.js";
import { ItSetNote } from "../../ui/it-set-note.js";
import { useFocusOnMount } from "../../ui/focus.js";
import { useNetwork } from "./network-store.js";
import "./network.css";

const modes: ProxyMode[] = ["system", "none", "manual"];
const manualShape = /^http:\/\/[^\s/@]+:\d{1,5}\/?$/i;

/** Why the route is what it is, in words. */
function whyText(t: TFunction, route: RouteView): string {
  if (route.problem) return t("network.why.problem");
  switch (route.source) {
    case "environment":
      if (route.via === null) return t("network.why.environmentNone");
      if (route.via.toUpperCase() === "NO_PROXY") return t("network.why.noProxy", { variable: route.via });
      return t("network.why.environment", { variable: route.via });
    default:
      return t(`network.why.${route.source}`);
  }
}

/** The Network settings: the proxy mode, the route in effect for the 2FA server and why, remembered credentials. */
export function NetworkScreen() {
  const { t } = useTranslation();
  const wording = useCheckWording();
  const go = useNav((s) => s.go);
  const view = useNetwork((s) => s.view);
  const error = useNetwork((s) => s.error);
  const saving = useNetwork((s) => s.saving);
  const load = useNetwork((s) => s.load);
  const setProxy = useNetwork((s) => s.setProxy);
  const forget = useNetwork((s) => s.forget);
  const headingRef = useFocusOnMount<HTMLHeadingElement>();
  const [mode, setMode] = useState<ProxyMode | null>(null);
  const [manual, setManual] = useState<string | null>(null);
  const [problem, setProblem] = useState(false);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    void load();
  }, [load]);

  const routeProblem = view?.route.problem ?? null;
  // The route's problem in the page's language (the "why" line already says the gist).
  const routeProblemText = routeProblem && wording ? word(routeProblem, wording) : null;
  const setting = view?.setting ?? null;
  const locked = view?.locked ?? false;
  const shownMode = (locked ? null : mode) ?? setting?.mode ?? "system";
  const shownManual =
    (locked ? null : manual) ?? (setting?.mode === "manual" ? setting.proxy.replace(/\/$/, "") : "");

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (shownMode === "manual" && !manualShape.test(shownManual.trim())) {
      setProblem(true);
      document.getElementById("manual-proxy")?.focus();
      return;
    }
    setProblem(false);
    const ok = await setProxy(
      shownMode === "manual" ? { mode: "manual", proxy: shownManual.trim() } : { mode: shownMode },
    );
    setSaved(ok);
  };

  return (
    <section className="card network" aria-labelledby="network-title">
      <h1 id="network-title" ref={headingRef} tabIndex={-1}>
        {t("network.title")}
      </h1>
      <p className="intro">{t("network.intro")}</p>
      <ErrorAlert id="network-error" error={error} />
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <fieldset disabled={locked} aria-describedby={locked ? "proxy-locked" : undefined}>
          <legend>{t("network.modeLegend")}</legend>
          {locked ? <ItSetNote id="proxy-locked" /> : null}
          <div className="choices">
            {modes.map((each) => (
              <label key={each} className="choice">
                <input
                  type="radio"
                  name="proxy-mode"
                  value={each}
                  checked={shownMode === each}
                  onChange={() => {
                    setMode(each);
                    setSaved(false);
                  }}
                />
                {t(`network.mode.${each}`)}
              </label>
            ))}
          </div>
          {shownMode === "manual" ? (
            <Field
              id="manual-proxy"
              label={t("network.manualProxy")}
              hint={t("network.manualHint")}
              value={shownManual}
              onChange={(e) => setManual(e.target.value)}
              inputMode="url"
              spellCheck={false}
              maxLength={limits.proxyMax}
              problem={problem ? t("network.manualInvalid") : null}
            />
          ) : null}
        </fieldset>
        <div className="actions">
          {locked ? null : (
            <button type="submit" className="primary" disabled={saving} aria-disabled={saving}>
              {t("network.save")}
            </button>
          )}
          <button type="button" className="secondary" onClick={() => go("login")}>
            {t("common.backToSignIn")}
          </button>
        </div>
        <p role="status" className={saved ? "notice" : "alert-empty"}>
          {saved ? t("network.saved") : null}
        </p>
      </form>

      <section aria-labelledby="route-title" className="network-route">
        <h2 id="route-title">{t("network.routeTitle")}</h2>
        {view ? (
          <>
            <p>{t("network.routeTarget", { target: view.route.target })}</p>
            <ol className="hops" aria-label={t("network.hopsLabel")}>
              {view.route.hops.map((hop, index) => (
                <li key={`${hop.kind}-${hop.proxy ?? index}`}>
                  {hop.kind === "direct"
                    ? t("network.hopDirect")
                    : t("network.hopProxy", { proxy: hop.proxy })}
                </li>
              ))}
            </ol>
            <p>
              <strong>{t("network.whyLabel")}</strong> {whyText(t, view.route)}
            </p>
            {routeProblemText ? <p className="alert alert-warning">{routeProblemText}</p> : null}
            {view.route.unsupported.length ? (
              <p className="hint">
                {t("network.unsupported", { entries: view.route.unsupported.join("; ") })}
              </p>
            ) : null}
          </>
        ) : (
          <p>{t("common.loading")}</p>
        )}
      </section>

      <section aria-labelledby="credentials-title" className="network-credentials">
        <h2 id="credentials-title">{t("network.credentialsTitle")}</h2>
        {view ? (
          <>
            <p className="hint">
              {view.keychain.available
                ? t("network.keychainAvailable")
                : t("network.keychainUnavailable", {
                    reason: t(`network.keychainCause.${view.keychain.cause ?? "other"}`),
                  })}
            </p>
            {view.credentials.length === 0 ? (
              <p>{t("network.noCredentials")}</p>
            ) : (
              <table>
                <caption className="visually-hidden">{t("network.credentialsTitle")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("network.proxyColumn")}</th>
                    <th scope="col">{t("network.userColumn")}</th>
                    <th scope="col">{t("network.keptColumn")}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t("network.actionsColumn")}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {view.credentials.map((entry) => (
                    <tr key={entry.proxy}>
                      <th scope="row">{entry.proxy}</th>
                      <td>{entry.username}</td>
                      <td>{t(entry.remembered ? "network.keptKeychain" : "network.keptSession")}</td>
                      <td>
                        <button
                          type="button"
                          className="secondary"
                          aria-label={t("network.forgetFor", { proxy: entry.proxy })}
                          onClick={() => void forget(entry.proxy)}
                        >
                          {t("network.forget")}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        ) : null}
      </section>
    </section>
  );
}
