import { useEffect, useLayoutEffect, useRef, type RefObject } from "react";

/**
 * Puts focus on the element when the screen appears, so keyboard and screen-reader
 * users start there. A layout effect: focus is in place before the first paint.
 */
export function useFocusOnMount<T extends HTMLElement>(): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  useLayoutEffect(() => {
    ref.current?.focus();
  }, []);
  return ref;
}

/** Moves focus to the element each time `trigger` becomes a new truthy value (e.g. a new error). */
export function useFocusWhen<T extends HTMLElement>(trigger: unknown): RefObject<T | null> {
  const ref = useRef<T | null>(null);
  useEffect(() => {
    if (trigger) ref.current?.focus();
  }, [trigger]);
  return ref;
}
