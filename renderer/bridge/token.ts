const storageKey = "ccms.token";

export interface TokenPlace {
  location: Pick<Location, "hash" | "pathname" | "search">;
  history: Pick<History, "replaceState" | "state">;
  storage: Pick<Storage, "getItem" | "setItem">;
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
