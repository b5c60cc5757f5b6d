import { describe, expect, it } from "vitest";
import { NonceStore } from "../../../simulator/features/smartcard/nonce-store.js";

describe("smartcard challenge nonces", () => {
  it("are 32 random bytes, bound to one login, and work once", () => {
    const now = 1_000;
    const store = new NonceStore(120_000, () => now);
    const login = Buffer.from("login-a");
    const { nonce } = store.issue(login);
    expect(nonce.length).toBe(32);
    expect(store.take(Buffer.from("login-b"))).toBeUndefined();
    expect(store.take(login)).toEqual(nonce);
    expect(store.take(login)).toBeUndefined();
  });

  it("expire after their time, and a new challenge replaces the old one", () => {
    let now = 0;
    const store = new NonceStore(120_000, () => now);
    const login = Buffer.from("login");
    const first = store.issue(login).nonce;
    const second = store.issue(login).nonce;
    expect(second.equals(first)).toBe(false);
    expect(store.take(login)).toEqual(second);
    store.issue(login);
    now = 120_000;
    expect(store.take(login)).toBe("expired");
  });
});
