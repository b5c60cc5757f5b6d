import { useTranslation } from "react-i18next";
import { useAuth } from "../auth/authStore.js";

/** On the OTP screen: the way to the smartcard, shown only where the server allows it for this user and phase. */
export default function OtpFallback() {
  const { t } = useTranslation();
  const factors = useAuth((s) => s.view?.factors ?? []);
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
      {t("smartcard.fallbackLink")}
    </button>
  );
}
