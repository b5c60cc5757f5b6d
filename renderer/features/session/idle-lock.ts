import { useEffect } from "react";
import { useLock } from "./lock-store.js";
import { useSession } from "./session-store.js";

/** What counts as someone at the terminal. */
const inputEvents = ["keydown", "pointerdown", "pointermove", "wheel", "touchstart"] as const;

/**
 * Locks the terminal after the policy's minutes without input (keyboard, mouse, touch), while signed
 * in and not locked already. Time here is this computer's: input happens in real time.
 */
export function useIdleLock(): void {
  const signedIn = useSession((s) => s.session !== null);
  const locked = useSession((s) => s.locked);
  const minutes = useLock((s) => s.policy?.idleLockMinutes ?? null);

  useEffect(() => {
    if (!signedIn || locked || minutes === null) return;
    let lastInput = Date.now();
    const seen = () => {
      lastInput = Date.now();
    };
    for (const name of inputEvents) window.addEventListener(name, seen, { capture: true, passive: true });
    const timer = setInterval(() => {
      if (Date.now() - lastInput < minutes * 60_000) return;
      // Should locking fail (the server gone, say), the next try waits for another idle period.
      lastInput = Date.now();
      void useLock.getState().lock();
    }, 250);
    return () => {
      clearInterval(timer);
      for (const name of inputEvents) window.removeEventListener(name, seen, { capture: true });
    };
  }, [signedIn, locked, minutes]);
}
