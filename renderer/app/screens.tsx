import { lazy, Suspense, type ComponentType } from "react";
import { useTranslation } from "react-i18next";
import { ChangePasswordScreen } from "../features/auth/change-password-screen.js";
import { LoginScreen } from "../features/auth/login-screen.js";
import { OtpScreen } from "../features/auth/otp-screen.js";
import { OutcomeScreen } from "../features/auth/outcome-screen.js";
import { MailboxScreen } from "../features/mailbox/mailbox-screen.js";
import { ReadinessScreen } from "../features/readiness/readiness-screen-loader.js";
import { RoomScreen } from "../features/room/room-screen-loader.js";
import { DesktopScreen } from "../features/session/desktop-screen.js";
import { assertNever } from "../../shared/assert-never.js";
import { useNav } from "./nav-store.js";

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

/** The screen the navigation store points at. */
export function Screens() {
  const screen = useNav((s) => s.screen);
  switch (screen) {
    case "login":
      return <LoginScreen />;
    case "otp":
      return <OtpScreen />;
    case "changePassword":
      return <ChangePasswordScreen />;
    case "mailbox":
      return <MailboxScreen />;
    case "outcome":
      return <OutcomeScreen />;
    case "desktop":
      return <DesktopScreen />;
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
