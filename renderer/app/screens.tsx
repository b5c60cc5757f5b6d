import { lazy, Suspense, type ComponentType } from "react";
import { useTranslation } from "react-i18next";
import { LoginScreen } from "../features/auth/login-screen.js";
import { ReadinessScreen } from "../features/readiness/readiness-screen-loader.js";
import { RoomScreen } from "../features/room/room-screen-loader.js";
import { assertNever } from "../../shared/assert-never.js";
import { preloadable } from "../ui/preloadable.js";
import { useNav } from "./nav-store.js";

type LoadedScreen = Promise<ComponentType<object>>;

/** A screen module's component, loaded on demand and able to be fetched ahead. */
function onDemand(load: () => LoadedScreen) {
  return preloadable<object>(async () => ({ default: await load() }));
}

// The screens of a sign-in after the password, and the lock screen: fetched once the login form is in
// use (see `preloadSignInScreens`), so the form does not wait for them and they do not wait after it.
const OtpScreen = onDemand(() => import("../features/auth/otp-screen.js").then((m) => m.OtpScreen));
const ChangePasswordScreen = onDemand(() =>
  import("../features/auth/change-password-screen.js").then((m) => m.ChangePasswordScreen),
);
const MailboxScreen = onDemand(() =>
  import("../features/mailbox/mailbox-screen.js").then((m) => m.MailboxScreen),
);
const OutcomeScreen = onDemand(() =>
  import("../features/auth/outcome-screen.js").then((m) => m.OutcomeScreen),
);
const DesktopScreen = onDemand(() =>
  import("../features/session/desktop-screen.js").then((m) => m.DesktopScreen),
);
const LockScreen = onDemand(() => import("../features/session/lock-screen.js").then((m) => m.LockScreen));

/** Fetches the screens a sign-in goes through and the lock screen, ahead of the person's need of them. */
export function preloadSignInScreens(): Promise<void> {
  const screens = [OtpScreen, ChangePasswordScreen, MailboxScreen, OutcomeScreen, DesktopScreen, LockScreen];
  return Promise.all(screens.map((screen) => screen.preload())).then(() => {});
}

// Screens away from the sign-in path load on demand, so the login form's first paint does not wait for them.
const AdminScreen = lazy(() => import("../features/admin/admin-screen.js"));
const ConnectivityScreen = lazy(() => import("../features/connectivity/connectivity-screen.js"));
const MethodChoiceScreen = lazy(() => import("../features/smartcard/method-choice-screen.js"));
const SmartcardScreen = lazy(() => import("../features/smartcard/smartcard-screen.js"));
const NetworkScreen = lazy(() =>
  import("../features/network/network-screen.js").then((module) => ({ default: module.NetworkScreen })),
);

function OnDemand({ screen: Screen }: { screen: ComponentType }) {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<p className="card">{t("common.loading")}</p>}>
      <Screen />
    </Suspense>
  );
}

/** A locked terminal's only screen. */
export function LockedTerminal() {
  return <OnDemand screen={LockScreen} />;
}

/** The screen the navigation store points at. */
export function Screens() {
  const screen = useNav((s) => s.screen);
  switch (screen) {
    case "login":
      return <LoginScreen />;
    case "otp":
      return <OnDemand screen={OtpScreen} />;
    case "changePassword":
      return <OnDemand screen={ChangePasswordScreen} />;
    case "mailbox":
      return <OnDemand screen={MailboxScreen} />;
    case "outcome":
      return <OnDemand screen={OutcomeScreen} />;
    case "desktop":
      return <OnDemand screen={DesktopScreen} />;
    case "admin":
      return <OnDemand screen={AdminScreen} />;
    case "readiness":
      return <OnDemand screen={ReadinessScreen} />;
    case "connectivity":
      return <OnDemand screen={ConnectivityScreen} />;
    case "room":
      return <RoomScreen />;
    case "network":
      return <OnDemand screen={NetworkScreen} />;
    case "methodChoice":
      return <OnDemand screen={MethodChoiceScreen} />;
    case "smartcard":
      return <OnDemand screen={SmartcardScreen} />;
    default:
      return assertNever(screen);
  }
}
