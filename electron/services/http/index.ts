export {
  createHttpClient,
  destroyHttpClient,
  DEFAULT_TIMEOUT_MS,
  type HttpClientOptions,
} from "./createHttpClient.js";
export { requestJson, type JsonRequest } from "./requestJson.js";
export { statusError, transportError } from "./toAppError.js";
