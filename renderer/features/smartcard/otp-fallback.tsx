import { useTranslation } from "react-i18next";
import { useAuth } from "../auth/auth-store.js";
import { factorsOf } from "../auth/routing.js";

/**
 * The way to the smartcard from the OTP screen (or from "no email registered"),
 * shown only where the server lists it for this user and phase.
 */
export default function OtpFallback() {
  const { t } = useTranslation();
  const factors = useAuth((s) => factorsOf(s.view));
  const state = useAuth((s) => s.view?.state);
  const pending = useAuth((s) => s.pending);
  const chooseFactor = useAuth((s) => s.chooseFactor);
  if (!factors.includes("smartcard")) return null;
  return (
    <button
      type="button"
      className="link"
      id="smartcard-fallback"
      disabled={pending !== null}
      onClick={() => void chooseFactor("smartcard")}
    >
      {state === "OTP_REQUIRED" ? t("smartcard.fallbackLink") : t("smartcard.useCard")}
    </button>
  );
}
