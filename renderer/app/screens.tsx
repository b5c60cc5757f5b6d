import { lazy, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { ChangePasswordScreen } from "../features/auth/change-password-screen.js";
import { LoginScreen } from "../features/auth/login-screen.js";
import { OtpScreen } from "../features/auth/otp-screen.js";
import { OutcomeScreen } from "../features/auth/outcome-screen.js";
import { useAuth } from "../features/auth/auth-store.js";
import { MailboxScreen } from "../features/mailbox/mailbox-screen.js";
import { DesktopScreen } from "../features/session/desktop-screen.js";
import { useNav } from "./nav-store.js";
import { PlaceholderCard, SlotScreen } from "./slot-screen.js";

function ConnectivityPlaceholder() {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  return (
    <PlaceholderCard titleKey="slot.connectivityTitle" bodyKey="slot.connectivityBody">
      <button type="button" className="primary" onClick={() => go("login")}>
        {t("common.backToSignIn")}
      </button>
    </PlaceholderCard>
  );
}

function MethodChoicePlaceholder() {
  const { t } = useTranslation();
  const chooseFactor = useAuth((s) => s.chooseFactor);
  const back = useAuth((s) => s.back);
  return (
    <PlaceholderCard titleKey="slot.methodChoiceTitle" bodyKey="slot.methodChoiceBody">
      <div className="actions">
        <button type="button" className="primary" onClick={() => void chooseFactor("otp")}>
          {t("slot.continueWithOtp")}
        </button>
        <button type="button" className="secondary" onClick={() => void back()}>
          {t("common.backToSignIn")}
        </button>
      </div>
    </PlaceholderCard>
  );
}

function SmartcardPlaceholder() {
  const { t } = useTranslation();
  const back = useAuth((s) => s.back);
  return (
    <PlaceholderCard titleKey="slot.smartcardTitle" bodyKey="slot.smartcardBody">
      <button type="button" className="primary" onClick={() => void back()}>
        {t("common.backToSignIn")}
      </button>
    </PlaceholderCard>
  );
}

function AdminPlaceholder() {
  const { t } = useTranslation();
  const go = useNav((s) => s.go);
  return (
    <PlaceholderCard titleKey="slot.adminTitle" bodyKey="slot.adminBody">
      <button type="button" className="primary" onClick={() => go("desktop")}>
        {t("admin.back")}
      </button>
    </PlaceholderCard>
  );
}

// Loaded when first opened, so the login screen's start-up code stays small.
const NetworkScreen = lazy(() =>
  import("../features/network/network-screen.js").then((module) => ({ default: module.NetworkScreen })),
);

function NetworkSlot() {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<p className="card">{t("common.loading")}</p>}>
      <NetworkScreen />
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
      return <SlotScreen slot="admin" placeholder={AdminPlaceholder} />;
    case "connectivity":
      return <SlotScreen slot="connectivity" placeholder={ConnectivityPlaceholder} />;
    case "network":
      return <NetworkSlot />;
    case "methodChoice":
      return <SlotScreen slot="methodChoice" placeholder={MethodChoicePlaceholder} />;
    case "smartcard":
      return <SlotScreen slot="smartcard" placeholder={SmartcardPlaceholder} />;
  }
}
