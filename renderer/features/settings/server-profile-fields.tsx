import { useTranslation } from "react-i18next";
import { limits } from "../../../shared/contract/limits.js";
import { Field } from "../../ui/field.js";
import { ItSetNote } from "../../ui/it-set-note.js";

export interface ProfileDraft {
  kind: "builtin" | "custom";
  url: string;
  caFile: string;
}

interface Props {
  draft: ProfileDraft;
  onChange: (draft: ProfileDraft) => void;
  urlProblem: string | null;
  currentUrl: string | null;
  /** Locked by IT (the machine-wide defaults): shown, not changeable. */
  locked?: boolean;
}

/** Built-in simulator, or another 2FA server by https address with an optional CA file. */
export function ServerProfileFields({ draft, onChange, urlProblem, currentUrl, locked = false }: Props) {
  const { t } = useTranslation();
  return (
    <fieldset
      className="server-profile"
      disabled={locked}
      aria-describedby={locked ? "server-locked" : undefined}
    >
      <legend>{t("login.serverLegend")}</legend>
      {locked ? <ItSetNote id="server-locked" /> : null}
      <div className="choices">
        <label className="choice">
          <input
            type="radio"
            name="server-kind"
            value="builtin"
            checked={draft.kind === "builtin"}
            onChange={() => onChange({ ...draft, kind: "builtin" })}
          />
          {t("login.serverBuiltin")}
        </label>
        <label className="choice">
          <input
            type="radio"
            name="server-kind"
            value="custom"
            checked={draft.kind === "custom"}
            onChange={() => onChange({ ...draft, kind: "custom" })}
          />
          {t("login.serverCustom")}
        </label>
      </div>
      {draft.kind === "custom" ? (
        <>
          <Field
            id="server-url"
            label={t("login.serverUrl")}
            type="url"
            inputMode="url"
            value={draft.url}
            onChange={(e) => onChange({ ...draft, url: e.target.value })}
            placeholder="https://sso.hkexposttrade.com.hk/sso"
            spellCheck={false}
            maxLength={limits.urlMax}
            problem={urlProblem}
          />
          <Field
            id="server-ca"
            label={t("login.caFile")}
            hint={t("login.caFileHint")}
            value={draft.caFile}
            onChange={(e) => onChange({ ...draft, caFile: e.target.value })}
            spellCheck={false}
            maxLength={limits.filePathMax}
          />
        </>
      ) : null}
      {currentUrl ? (
        <p className="hint server-current">{t("login.currentServer", { url: currentUrl })}</p>
      ) : null}
    </fieldset>
  );
}
