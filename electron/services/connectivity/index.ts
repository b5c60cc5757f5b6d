export {
  ConnectivityService,
  machineOrigin,
  type ConnectivityServiceOptions,
  type RunListener,
} from "./connectivity-service.js";
export { CheckHistoryStore } from "./history-store.js";
export { defaultDependencies, createNodeResolver } from "./default-dependencies.js";
export { envProxyResolver, parsePacAnswer } from "./proxy-config.js";
export { runCheck } from "./run-check.js";
export { jsonReport, htmlReport, renderReport } from "./report.js";
export { toCheckOptions, readCaPem, type BuiltinTarget, type CheckRequest } from "./check-options.js";
export type { CheckDependencies, CheckOptions } from "./types.js";
