import { describe, expect, it } from "vitest";
import type { SecretStore } from "../../electron/services/secrets/secret-store.js";

const SERVICE = "CCMS Terminal emulator: contract test";

/** What every SecretStore must do, whatever keeps the secrets (memory, the OS keychain). */
export function secretStoreContract(name: string, make: () => SecretStore | Promise<SecretStore>): void {
  describe(`${name}: a secret store`, () => {
    it("answers null for an account it does not hold", async () => {
      expect(await (await make()).get(SERVICE, "https://nowhere.example")).toBeNull();
    });

    it("gives back what was set, per account, and the last value set", async () => {
      const store = await make();
      await store.set(SERVICE, "https://a.example", "token-a");
      await store.set(SERVICE, "https://b.example", "token-b");
      await store.set(SERVICE, "https://a.example", "token-a2");
      expect(await store.get(SERVICE, "https://a.example")).toBe("token-a2");
      expect(await store.get(SERVICE, "https://b.example")).toBe("token-b");
      expect(await store.list(SERVICE)).toEqual(["https://a.example", "https://b.example"]);
      expect(await store.get("another service", "https://a.example")).toBeNull();
    });

    it("forgets a deleted account, and deleting an absent one is no error", async () => {
      const store = await make();
      await store.set(SERVICE, "https://a.example", "token-a");
      expect(await store.delete(SERVICE, "https://a.example")).toBe(true);
      expect(await store.delete(SERVICE, "https://never.example")).toBe(false);
      expect(await store.get(SERVICE, "https://a.example")).toBeNull();
    });
  });
}
