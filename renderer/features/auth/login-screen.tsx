import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import type { AppInfo, ServerProfile } from "../../../shared/contract/app.js";
import { isWellFormedUserId, limits } from "../../../shared/contract/limits.js";
import { useNav } from "../../app/nav-store.js";
import { errorText } from "../../i18n/error-text.js";
import { ErrorAlert } from "../../ui/error-alert.js";
import { Field } from "../../ui/field.js";
import { useFocusOnMount, useFocusWhen } from "../../ui/focus.js";
import { machineProblemText } from "../settings/machine-problem-text.js";
import { useSettings } from "../settings/settings-store.js";
import { PracticeFold } from "../practice/practice-fold.js";
import { TrainerTokenForm } from "../rehearsal/trainer-token-form.js";
import { ServerProfileFields, type ProfileDraft } from "../settings/server-profile-fields.js";
import { useAuth } from "./auth-store.js";

type FieldProblem = { field: "userId" | "password" | "url"; key: string } | null;

export function LoginScreen() {
  const { t } = useTranslation();
  const submitPassword = useAuth((s) => s.submitPassword);
  const pending = useAuth((s) => s.pending);
  const authError = useAuth((s) => s.error);
  const lastUserId = useAuth((s) => s.userId);
  const info = useSettings((s) => s.info);
  const settingsError = useSettings((s) => s.error);
  const applyServer = useSettings((s) => s.applyServer);
  const forgetUserId = useSettings((s) => s.forgetUserId);
  const notice = useNav((s) => s.notice);
  const noticeValues = useNav((s) => s.noticeValues);
  const go = useNav((s) => s.go);

  // What the person typed; until then, the user ID of this sign-in or the one remembered for this server.
  const [typedUserId, setUserId] = useState<string | null>(lastUserId || null);
  const rememberedUserId = info?.lastUserId ?? null;
  const userId = typedUserId ?? rememberedUserId ?? "";
  const showsRemembered = typedUserId === null && rememberedUserId !== null;
  const [password, setPassword] = useState("");
  // The form shows the server in use until the person changes it (the app info may arrive after the first paint).
  const [editedProfile, setProfile] = useState<ProfileDraft | null>(null);
  const serverLocked = info?.machine.locked.includes("server") ?? false;
  const profile = (serverLocked ? null : editedProfile) ?? draftOf(info);
  const [problem, setProblem] = useState<FieldProblem>(null);
  const [serverFailed, setServerFailed] = useState(false);

  const error = serverFailed ? settingsError : authError;
  const userIdRef = useFocusOnMount<HTMLInputElement>();
  const passwordRef = useFocusWhen<HTMLInputElement>(error?.code === "INVALID_CREDENTIALS" ? error : null);
  const alertRef = useFocusWhen<HTMLDivElement>(error && error.code !== "INVALID_CREDENTIALS" ? error : null);
  const submitting = pending === "password";

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    const found = check(userId, password, profile);
    setProblem(found);
    if (found) {
      document.getElementById(found.field === "url" ? "server-url" : found.field)?.focus();
      return;
    }
    setServerFailed(false);
    // Server fields left as they were mean the server in use, even if the app has not said which yet.
    const chosen = serverLocked || editedProfile === null ? null : serverOf(editedProfile);
    await submitPassword(userId.trim(), password, async () => {
      if (chosen !== null) {
        const applied = await applyServer(chosen);
        setServerFailed(!applied);
        if (!applied) return false;
      }
      setPassword("");
      return true;
    });
  };

  const invalidCredentials = error?.code === "INVALID_CREDENTIALS";

  return (
    <section className="card login" aria-labelledby="login-title">
      <h1 id="login-title">{t("login.title")}</h1>
      {notice ? (
        <p className="notice" role="status">
          {t(`notice.${notice}`, noticeValues)}
        </p>
      ) : null}
      <p className="intro">{t("login.intro")}</p>
      <ErrorAlert id="login-error" ref={alertRef} error={error} />
      {info?.machine.problem ? (
        <p className="alert alert-warning">
          {t("machine.fileIgnored", {
            file: info.machine.problem.file,
            problem: machineProblemText(t, info.machine.problem),
          })}
        </p>
      ) : null}
      {info?.serverProblem ? (
        <p className="alert alert-warning">
          {t("login.serverProblem", { message: errorText(t, info.serverProblem) })}
        </p>
      ) : null}
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={submitting}>
        <ServerProfileFields
          draft={profile}
          onChange={setProfile}
          urlProblem={problem?.field === "url" ? t(problem.key) : null}
          currentUrl={info?.server.url ?? null}
          locked={serverLocked}
        />
        <Field
          id="userId"
          label={t("login.userId")}
          inputRef={userIdRef}
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={limits.userIdMax}
          required
          problem={problem?.field === "userId" ? t(problem.key) : null}
        />
        {showsRemembered ? (
          <p className="not-you">
            <button
              type="button"
              className="link"
              onClick={() => {
                setUserId("");
                void forgetUserId();
                document.getElementById("userId")?.focus();
              }}
            >
              {t("login.notYou", { userId: rememberedUserId })}
            </button>
          </p>
        ) : null}
        <Field
          id="password"
          label={t("login.password")}
          type="password"
          inputRef={passwordRef}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          autoComplete="current-password"
          maxLength={limits.passwordMax}
          required
          problem={problem?.field === "password" ? t(problem.key) : null}
          invalidBy={invalidCredentials ? "login-error" : null}
        />
        <button type="submit" className="primary" aria-disabled={submitting} disabled={submitting}>
          {submitting ? t("login.submitting") : t("login.submit")}
        </button>
      </form>
      <TrainerTokenForm />
      <p className="secondary-actions">
        <button type="button" className="link" onClick={() => go("connectivity")}>
          {t("login.checkConnectivity")}
        </button>
        <button type="button" className="link" onClick={() => go("network")}>
          {t("login.networkSettings")}
        </button>
      </p>
      <PracticeFold />
    </section>
  );
}

function draftOf(info: AppInfo | null): ProfileDraft {
  return info?.server.profile === "custom"
    ? { kind: "custom", url: info.server.url, caFile: info.server.caFile ?? "" }
    : { kind: "builtin", url: "", caFile: "" };
}

function serverOf(draft: ProfileDraft): ServerProfile {
  if (draft.kind === "builtin") return { kind: "builtin" };
  const caFile = draft.caFile.trim();
  return { kind: "custom", url: draft.url.trim(), ...(caFile ? { caFile } : {}) };
}

function check(userId: string, password: string, profile: ProfileDraft): FieldProblem {
  if (profile.kind === "custom" && !/^https:\/\/\S+$/i.test(profile.url.trim())) {
    return { field: "url", key: "login.urlRequired" };
  }
  if (!userId.trim()) return { field: "userId", key: "login.userIdRequired" };
  if (!isWellFormedUserId(userId)) return { field: "userId", key: "login.userIdInvalid" };
  if (!password) return { field: "password", key: "login.passwordRequired" };
  return null;
}
