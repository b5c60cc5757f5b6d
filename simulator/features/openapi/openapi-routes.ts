import { emptyQuerySchema } from "../../../shared/wire/control.js";
import { parseQuery } from "../../http/parse.js";
import { type FeaturePlugin } from "../feature.js";
import { OPENAPI_PATH } from "./control-operations.js";
import { openApiDocument } from "./openapi-document.js";

/** GET /__sim/openapi.json: the simulator's OpenAPI document, without a token (it holds no secret). */
export const openApiRoutes: FeaturePlugin = async (app) => {
  let document: unknown;
  app.get(OPENAPI_PATH, async (request) => {
    parseQuery(emptyQuerySchema, request);
    document ??= openApiDocument({ serverUrl: `https://${request.host}` });
    return document;
  });
};
