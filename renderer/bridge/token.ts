const storageKey = "ccms.token";

/** The parts of the page this needs (typed structurally so Node tests can supply them). */
export interface TokenPlace {
  location: { readonly hash: string; readonly pathname: string; readonly search: string };
  history: {
    readonly state: unknown;
    replaceState(state: unknown, unused: string, url?: string | null): void;
  };
  storage: { getItem(key: string): string | null; setItem(key: string, value: string): void };
}

/**
 * The browser shell hands the page its access token in the URL fragment
 * (`#token=<t>`). Take it once, keep it for this tab only, and clear it from
 * the address bar so it is not bookmarked, shared or left in history.
 */
export function takeToken(place: TokenPlace): string | null {
  const fromFragment = new URLSearchParams(place.location.hash.replace(/^#/, "")).get("token");
  if (fromFragment) {
    place.storage.setItem(storageKey, fromFragment);
    place.history.replaceState(place.history.state, "", place.location.pathname + place.location.search);
    return fromFragment;
  }
  return place.storage.getItem(storageKey);
}
