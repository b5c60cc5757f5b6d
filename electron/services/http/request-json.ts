import type { AxiosInstance } from "axios";
import type { z } from "zod";
import { AppError } from "../../../shared/errors.js";
import { statusError, transportError } from "./to-app-error.js";

export interface JsonRequest {
  method: "GET" | "POST" | "PUT" | "DELETE";
  url: string;
  data?: unknown;
  bearer?: string | undefined;
  params?: Record<string, string>;
}

/**
 * Sends one request and returns its body checked against `schema`.
 * Transport failures, 5xx, error bodies and bodies of the wrong shape all
 * become AppErrors with a code; nothing else escapes.
 */
export async function requestJson<S extends z.ZodType>(
  client: AxiosInstance,
  request: JsonRequest,
  schema: S,
): Promise<z.output<S>> {
  const server = client.defaults.baseURL ?? "the server";
  let response;
  try {
    response = await client.request<unknown>({
      method: request.method,
      url: request.url,
      data: request.data,
      params: request.params,
      responseType: "json",
      headers: request.bearer === undefined ? {} : { Authorization: `Bearer ${request.bearer}` },
    });
  } catch (error) {
    throw transportError(error, server);
  }
  if (response.status < 200 || response.status >= 300) {
    throw statusError(response.status, response.data, server);
  }
  const parsed = schema.safeParse(response.data);
  if (!parsed.success) {
    throw new AppError(
      "PROTOCOL_ERROR",
      `The server at ${server} gave an answer this app does not understand.`,
      { status: response.status },
    );
  }
  return parsed.data;
}
