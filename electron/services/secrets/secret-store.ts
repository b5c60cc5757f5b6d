import type { KeychainCause } from "../../../shared/contract/network.js";

/**
 * Where the app keeps secrets of its own (a proxy's password, a token): the
 * OS keychain when there is one, this run's memory otherwise. A secret is
 * addressed by a service (what it is for) and an account (whose, or which
 * endpoint); the store never writes one to a file, a log or an error message.
 */
export interface SecretStore {
  /** Whether the store can be used here, and if not, why (in words safe to show). */
  availability(): Promise<SecretStoreAvailability>;
  get(service: string, account: string): Promise<string | null>;
  set(service: string, account: string, secret: string): Promise<void>;
  /** True when there was a secret to delete. */
  delete(service: string, account: string): Promise<boolean>;
  /** The accounts that hold a secret for `service` (never the secrets). */
  list(service: string): Promise<string[]>;
}

export type SecretStoreAvailability =
  { available: true; reason: null } | { available: false; reason: string };

/** What a keychain's reason (keytar's own words, or the module's failure to load) comes down to. */
export function keychainCause(reason: string): KeychainCause {
  if (/could not be loaded/i.test(reason)) return "module-missing";
  if (/d-?bus|X11|DISPLAY/i.test(reason)) return "no-session-bus";
  if (/org\.freedesktop\.secrets|ServiceUnknown|secret service/i.test(reason)) return "no-secret-service";
  if (/no answer within|timed? ?out/i.test(reason)) return "no-answer";
  return "other";
}
