import type { NetworkView, ProxySetting } from "../../../shared/contract/network.js";
import type { SecretStore } from "../secrets/secret-store.js";
import type { Env } from "./env-proxy.js";
import type { ProxyCredentials } from "./proxy-answer.js";
import { ProxyCredentialStore } from "./proxy-credential-store.js";
import type { Router } from "./route-agent.js";
import { builtinRoute, decideRoute, routeView, type RouteDecision } from "./route-decision.js";

export interface NetworkServiceOptions {
  /** Where the proxy setting is kept (settings.json); `locked` when IT set it for the computer. */
  setting: { load(): ProxySetting; save(setting: ProxySetting): void; locked?: () => boolean };
  /** Electron's `session.resolveProxy`; absent in the browser shell and the CLI. */
  systemResolver?: ((url: string) => Promise<string>) | undefined;
  /** The shell's `--proxy`. */
  flagProxy?: URL | null | undefined;
  env?: Env | undefined;
  /** The OS keychain (or a stand-in for it). */
  keychain: SecretStore;
}

/**
 * The app's network route: the proxy setting, the decision for any address
 * and the proxy credentials. Every client of a 2FA server and the connectivity
 * check ask this one service, so they go the same way and fail the same way.
 */
export class NetworkService implements Router {
  readonly credentials: ProxyCredentialStore;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly options: NetworkServiceOptions) {
    this.credentials = new ProxyCredentialStore(options.keychain);
  }

  setting(): ProxySetting {
    return this.options.setting.load();
  }

  setSetting(setting: ProxySetting): void {
    this.options.setting.save(setting);
    this.changed();
  }

  decide(target: URL): Promise<RouteDecision> {
    return decideRoute(target, {
      setting: this.setting(),
      systemResolver: this.options.systemResolver,
      flagProxy: this.options.flagProxy,
      env: this.options.env ?? process.env,
    });
  }

  credentialsFor(proxy: string): Promise<ProxyCredentials | null> {
    return this.credentials.get(proxy);
  }

  async setCredentials(proxy: string, credentials: ProxyCredentials, remember: boolean) {
    const { remembered } = await this.credentials.set(proxy, credentials, remember);
    this.changed();
    return { remembered, keychain: await this.credentials.keychainView() };
  }

  async forgetCredentials(proxy: string): Promise<void> {
    await this.credentials.forget(proxy);
    this.changed();
  }

  /** The setting, the route to `target` and why, and the credentials known. */
  async view(target: URL, builtin: boolean): Promise<NetworkView> {
    const decision = builtin ? builtinRoute(target) : await this.decide(target);
    return {
      setting: this.setting(),
      locked: this.options.setting.locked?.() ?? false,
      route: routeView(decision),
      credentials: await this.credentials.list(),
      keychain: await this.credentials.keychainView(),
    };
  }

  /** Called when the route or the credentials may have changed (agents drop their kept connections). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}
