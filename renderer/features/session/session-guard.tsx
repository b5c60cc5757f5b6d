import { useEffect } from "react";
import { ExpiryWarning } from "./expiry-warning.js";
import { useIdleLock } from "./idle-lock.js";
import { useLock } from "./lock-store.js";
import { useSession } from "./session-store.js";

/** How often the page compares its idea of the session with the main process's, should an event go astray. */
const RESYNC_MS = 5_000;

/** While signed in: the idle lock, the warning before the server's limits, and a check that nothing was missed. */
export function SessionGuard() {
  const signedIn = useSession((s) => s.session !== null);
  const loadPolicy = useLock((s) => s.loadPolicy);
  useEffect(() => {
    if (!signedIn) return;
    void loadPolicy();
    const timer = setInterval(() => {
      useSession
        .getState()
        .resync()
        .catch(() => {
          // The app's service is away for a moment: the next round tries again.
        });
    }, RESYNC_MS);
    return () => clearInterval(timer);
  }, [signedIn, loadPolicy]);
  useIdleLock();
  return signedIn ? <ExpiryWarning /> : null;
}
