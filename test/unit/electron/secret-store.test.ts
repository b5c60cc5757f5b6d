import { describe, expect, it } from "vitest";
import { KeychainOrMemorySecretStore } from "../../../electron/services/secrets/keychain-or-memory.js";
import { MemorySecretStore } from "../../../electron/services/secrets/memory-secret-store.js";
import {
  keychainCause,
  type SecretStore,
  type SecretStoreAvailability,
} from "../../../electron/services/secrets/secret-store.js";
import { secretStoreContract } from "../../support/secret-store-contract.js";

/** A memory store that says whether it counts as available, as a keychain does. */
class KeychainLike extends MemorySecretStore implements SecretStore {
  constructor(private readonly usable: boolean) {
    super();
  }
  override async availability(): Promise<SecretStoreAvailability> {
    return this.usable
      ? { available: true, reason: null }
      : { available: false, reason: "no Secret Service" };
  }
}

secretStoreContract("MemorySecretStore", () => new MemorySecretStore());
secretStoreContract(
  "KeychainOrMemorySecretStore without a keychain",
  () => new KeychainOrMemorySecretStore(new KeychainLike(false)),
);

describe("MemorySecretStore", () => {
  it("keeps each store's secrets to itself (nothing outlives the object)", async () => {
    const first = new MemorySecretStore();
    await first.set("service", "account", "v");
    expect(await new MemorySecretStore().get("service", "account")).toBeNull();
  });
});

describe("KeychainOrMemorySecretStore", () => {
  it("keeps a secret in the keychain where there is one", async () => {
    const keychain = new KeychainLike(true);
    await new KeychainOrMemorySecretStore(keychain).set("service", "account", "kept");
    expect(await keychain.get("service", "account")).toBe("kept");
  });

  it("keeps it in this run's memory only where there is none, and says why", async () => {
    const keychain = new KeychainLike(false);
    const store = new KeychainOrMemorySecretStore(keychain);
    await store.set("service", "account", "for this run");
    expect(await store.get("service", "account")).toBe("for this run");
    expect(await keychain.get("service", "account")).toBeNull();
    expect(await store.availability()).toEqual({ available: false, reason: "no Secret Service" });
  });
});

describe("why the keychain cannot be used, as a code the screens word", () => {
  it.each([
    ["the keychain module could not be loaded (Cannot find module '@github/keytar')", "module-missing"],
    ["Cannot autolaunch D-Bus without X11 $DISPLAY", "no-session-bus"],
    ["The name org.freedesktop.secrets was not provided by any .service files", "no-secret-service"],
    ["no answer within 5000 ms", "no-answer"],
    ["Cannot create an item in a locked collection", "other"],
  ] as const)("%s: %s", (reason, cause) => {
    expect(keychainCause(reason)).toBe(cause);
  });
});
