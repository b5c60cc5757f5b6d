export {
  ConnectivityService,
  machineOrigin,
  type ConnectivityServiceOptions,
  type RunListener,
} from "./connectivity-service.js";
export { CheckHistoryStore } from "./history-store.js";
export { defaultDependencies, createNodeResolver, systemRouter } from "./default-dependencies.js";
export { runCheck } from "./run-check.js";
export { jsonReport, htmlReport, renderReport } from "./report.js";
export { toCheckOptions, readCaPem, type BuiltinTarget, type CheckRequest } from "./check-options.js";
export type { CheckDependencies, CheckOptions } from "./types.js";
