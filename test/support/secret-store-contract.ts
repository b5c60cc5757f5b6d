import { describe, expect, it } from "vitest";
import type { SecretStore } from "../../electron/services/secrets/secret-store.js";

/** What every SecretStore must do, whatever keeps the secrets (memory, the OS keychain). */
export function secretStoreContract(name: string, make: () => SecretStore | Promise<SecretStore>): void {
  describe(`${name}: a secret store`, () => {
    it("answers null for a key it does not hold", async () => {
      expect(await (await make()).get("simulator-control-token:https://nowhere.example")).toBeNull();
    });

    it("gives back what was set, per key, and the last value set", async () => {
      const store = await make();
      await store.set("simulator-control-token:https://a.example", "token-a");
      await store.set("simulator-control-token:https://b.example", "token-b");
      await store.set("simulator-control-token:https://a.example", "token-a2");
      expect(await store.get("simulator-control-token:https://a.example")).toBe("token-a2");
      expect(await store.get("simulator-control-token:https://b.example")).toBe("token-b");
    });

    it("forgets a deleted key, and deleting an absent key is no error", async () => {
      const store = await make();
      await store.set("simulator-control-token:https://a.example", "token-a");
      await store.delete("simulator-control-token:https://a.example");
      await store.delete("simulator-control-token:https://never.example");
      expect(await store.get("simulator-control-token:https://a.example")).toBeNull();
    });
  });
}
