import { describe, expect, it } from "vitest";
import { takeToken, type TokenPlace } from "../../../renderer/bridge/token.js";

function place(hash: string, stored: string | null = null) {
  const storage = new Map<string, string>();
  if (stored !== null) storage.set("ccms.token", stored);
  const replaced: string[] = [];
  const where: TokenPlace = {
    location: { hash, pathname: "/", search: "?lang=en" },
    history: {
      state: null,
      replaceState: (_state: unknown, _title: string, url?: string | URL | null) =>
        void replaced.push(String(url)),
    },
    storage: {
      getItem: (key) => storage.get(key) ?? null,
      setItem: (key, value) => void storage.set(key, value),
    },
  };
  return { where, storage, replaced };
}

describe("takeToken", () => {
  it("takes the token from the fragment, keeps it for the tab and clears the address bar", () => {
    const { where, storage, replaced } = place("#token=abc_DEF-123");
    expect(takeToken(where)).toBe("abc_DEF-123");
    expect(storage.get("ccms.token")).toBe("abc_DEF-123");
    expect(replaced).toEqual(["/?lang=en"]);
  });

  it("falls back to the token kept for this tab (a reload) without touching history", () => {
    const { where, replaced } = place("", "kept");
    expect(takeToken(where)).toBe("kept");
    expect(replaced).toEqual([]);
  });

  it("has no token when neither the address nor the tab has one", () => {
    expect(takeToken(place("").where)).toBeNull();
    expect(takeToken(place("#other=1").where)).toBeNull();
    expect(takeToken(place("#token=").where)).toBeNull();
  });

  it("prefers a new token in the address over an old one kept for the tab", () => {
    const { where, storage } = place("#token=new", "old");
    expect(takeToken(where)).toBe("new");
    expect(storage.get("ccms.token")).toBe("new");
  });
});
