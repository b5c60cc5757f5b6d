// What the Electron shell needs to build the route (it may import the host, not the services).
export type { BrowserNet, ProxyLogin } from "../services/http/browser-net.js";
export { PrivateCaTrust } from "../services/http/private-ca-trust.js";
