import { describe, expect, it } from "vitest";
import { MemorySecretStore } from "../../../electron/services/secrets/secret-store.js";
import { secretStoreContract } from "../../support/secret-store-contract.js";

secretStoreContract("MemorySecretStore", () => new MemorySecretStore());

describe("MemorySecretStore", () => {
  it("keeps each store's secrets to itself (nothing outlives the object)", async () => {
    const first = new MemorySecretStore();
    await first.set("k", "v");
    expect(await new MemorySecretStore().get("k")).toBeNull();
  });
});
