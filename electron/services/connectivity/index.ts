export { ConnectivityService } from "./connectivity-service.js";
export { CheckHistoryStore } from "./history-store.js";
export { defaultDependencies, createNodeResolver, systemRouter } from "./default-dependencies.js";
export { runCheck } from "./run-check.js";
export { jsonReport, htmlReport } from "./report.js";
export type { CheckOptions } from "./types.js";
