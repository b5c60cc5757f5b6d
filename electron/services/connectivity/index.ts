export { ConnectivityService } from "./connectivity-service.js";
export { CheckHistoryStore } from "./history-store.js";
export { defaultDependencies } from "./default-dependencies.js";
export { envProxyResolver } from "./proxy-config.js";
export { runCheck } from "./run-check.js";
export { jsonReport, htmlReport } from "./report.js";
export type { CheckOptions } from "./types.js";
