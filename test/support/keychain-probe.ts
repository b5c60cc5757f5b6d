/**
 * Runs one secret-store operation in a process of its own, as a restarted app
 * would, and prints the outcome as one JSON line:
 *   node --import tsx test/support/keychain-probe.ts availability|get|set|delete|list <service> [account] [secret]
 *   node --import tsx test/support/keychain-probe.ts remember-proxy <host:port> <user name> <password>
 * The second keeps a proxy's credentials as the app does (asking to remember them) and reports what became of them.
 */
import { ProxyCredentialStore } from "../../electron/services/network/proxy-credential-store.js";
import { KeytarSecretStore } from "../../electron/services/secrets/keytar-secret-store.js";

const [operation, service = "", account = "", secret = ""] = process.argv.slice(2);
const store = new KeytarSecretStore();

async function run(): Promise<unknown> {
  switch (operation) {
    case "availability":
      return store.availability();
    case "get":
      return store.get(service, account);
    case "set":
      return store.set(service, account, secret).then(() => true);
    case "delete":
      return store.delete(service, account);
    case "list":
      return store.list(service);
    case "remember-proxy": {
      const proxies = new ProxyCredentialStore(store);
      const { remembered } = await proxies.set(service, { username: account, password: secret }, true);
      return { remembered, inThisRun: await proxies.get(service), listed: await proxies.list() };
    }
    default:
      throw new Error(`unknown operation ${operation ?? ""}`);
  }
}

run().then(
  (value) => process.stdout.write(`${JSON.stringify({ ok: true, value })}\n`),
  (error: unknown) => {
    const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
    process.stdout.write(`${JSON.stringify({ ok: false, code, message: (error as Error).message })}\n`);
  },
);
