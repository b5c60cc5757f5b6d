import { lazy, Suspense, useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { BridgeProblem } from "../bridge/index.js";
import { setRecovery } from "../bridge/index.js";
import { useNetwork } from "../features/network/network-store.js";
import { SessionGuard } from "../features/session/session-guard.js";
import { useSession } from "../features/session/session-store.js";
import { SimBanner } from "../features/settings/sim-banner.js";
import { useSettings } from "../features/settings/settings-store.js";
import { applyMachineLanguage } from "../i18n/index.js";
import { LanguageSwitch } from "../ui/language-switch.js";
import { BridgeProblemScreen } from "./bridge-problem-screen.js";
import { followMenuCommands } from "./menu-commands.js";
import { useNav } from "./nav-store.js";
import { LockedTerminal, Screens } from "./screens.js";

const ProxyCredentialsDialog = lazy(() => import("../features/network/proxy-credentials-dialog.js"));

/** The frame around every screen: title bar, language switch, simulator banner. */
export function App({ problem }: { problem: BridgeProblem | null }) {
  const { t } = useTranslation();
  const screen = useNav((s) => s.screen);
  // A locked terminal shows the lock screen and nothing else of the session.
  const locked = useSession((s) => s.locked);
  const proxyAsked = useNetwork((s) => s.asked);
  const machine = useSettings((s) => s.info?.machine ?? null);
  const settled = useSettings((s) => s.loaded);

  // IT's language for this computer: always when locked, else until the person chooses one.
  useEffect(() => {
    if (machine) applyMachineLanguage(machine);
  }, [machine]);

  // A proxy's 407 anywhere: the person is asked for its credentials, and the call is made again.
  useEffect(() => {
    setRecovery((error, method) => useNetwork.getState().recover(error, method));
    return () => setRecovery(null);
  }, []);

  useEffect(() => {
    if (problem) return;
    void useSettings.getState().load();
    void useSession.getState().restore();
    const stopFollowingSession = useSession.getState().follow();
    const stopFollowingMenu = followMenuCommands();
    return () => {
      stopFollowingSession();
      stopFollowingMenu();
    };
  }, [problem]);

  return (
    <>
      <a className="skip-link" href="#main">
        {t("app.skipToContent")}
      </a>
      <header className="app-bar">
        <div className="brand">
          <span className="brand-name">{t("app.name")}</span>
          <span className="brand-tagline">{t("app.tagline")}</span>
        </div>
        <LanguageSwitch locked={machine?.locked.includes("language") ?? false} />
      </header>
      {problem ? null : <SimBanner />}
      {/* Busy until the app's start-up answers are drawn (the server in use, the simulator's banner): the
          screen moves as they come, so a click aimed before then may land elsewhere. */}
      <main
        id="main"
        data-screen={problem ? "bridge-problem" : locked ? "lock" : screen}
        aria-busy={problem === null && !settled}
      >
        <Content problem={problem} locked={locked} />
      </main>
      {problem ? null : <SessionGuard />}
      {proxyAsked ? (
        <Suspense fallback={null}>
          <ProxyCredentialsDialog />
        </Suspense>
      ) : null}
    </>
  );
}

function Content({ problem, locked }: { problem: BridgeProblem | null; locked: boolean }) {
  if (problem) return <BridgeProblemScreen problem={problem} />;
  if (locked) return <LockedTerminal />;
  return <Screens />;
}
