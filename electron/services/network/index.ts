export { NetworkService, type NetworkServiceOptions } from "./network-service.js";
export { RouteAgent, type Router, type RouteAgentOptions } from "./route-agent.js";
export { decideRoute, givenRoute, builtinRoute, routeView, type RouteDecision } from "./route-decision.js";
export { ProxyCredentialStore, PROXY_SECRET_SERVICE } from "./proxy-credential-store.js";
export { ProxyFailure } from "./proxy-problems.js";
export { openTunnel } from "./tunnel.js";
export { envRoute, noProxyMatches, type Env } from "./env-proxy.js";
export { parsePacAnswer, endpointOf, type Hop, type ProxyCredentials } from "./proxy-answer.js";
