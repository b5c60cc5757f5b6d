export {
  createHttpClient,
  destroyHttpClient,
  DEFAULT_TIMEOUT_MS,
  type HttpClientOptions,
} from "./create-http-client.js";
export { requestJson, type JsonRequest } from "./request-json.js";
export { statusError, transportError } from "./to-app-error.js";
