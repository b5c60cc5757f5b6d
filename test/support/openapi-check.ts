import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { openApiDocument } from "../../simulator/features/openapi/openapi-document.js";

type Json = Record<string, unknown>;

interface DocumentedOperation {
  method: string;
  path: string;
  pattern: RegExp;
  responses: Record<string, { content?: Record<string, { schema: unknown }> }>;
}

/**
 * Checks real answers of the simulator against its OpenAPI document: the operation is found by method
 * and path, the status must be documented (exactly or as `4XX`), and a JSON body must match the
 * documented schema. An address the document does not have must answer with the error body.
 */
export class OpenApiChecker {
  readonly document = openApiDocument();
  /** `GET /__sim/users` and so on, for each operation that answered 2xx at least once. */
  readonly succeeded = new Set<string>();
  private readonly ajv = new Ajv2020({ strict: false, allErrors: false, validateFormats: true });
  private readonly operations: DocumentedOperation[] = [];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor() {
    addFormats.default(this.ajv);
    // zod writes `.includes()` as a pattern plus `format: "includes"`: the pattern is the check.
    this.ajv.addFormat("includes", () => true);
    this.ajv.addSchema(this.document, "openapi");
    const paths = this.document["paths"] as Record<string, Record<string, Json>>;
    for (const [path, methods] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const pattern = new RegExp(`^${path.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}/?$`);
        this.operations.push({
          method: method.toUpperCase(),
          path,
          pattern,
          responses: operation["responses"] as DocumentedOperation["responses"],
        });
      }
    }
  }

  /** Every documented operation, as `METHOD path`. */
  get operationNames(): string[] {
    return this.operations.map((operation) => `${operation.method} ${operation.path}`);
  }

  /** Throws, naming what differs, unless the answer is what the document says. */
  check(method: string, url: string, status: number, contentType: string | undefined, body: unknown): void {
    const pathname = new URL(url, "https://simulator").pathname;
    const operation = this.operations.find(
      (op) => op.method === method.toUpperCase() && op.pattern.test(pathname),
    );
    const name = operation ? `${operation.method} ${operation.path}` : `${method.toUpperCase()} ${pathname}`;
    if (operation === undefined) {
      if (status < 400)
        throw new Error(`${name} answered ${status} but the OpenAPI document has no such operation`);
      this.validate("#/components/schemas/ErrorBody", body, `${name} → ${status}`);
      return;
    }
    const key = String(status) in operation.responses ? String(status) : `${String(status)[0]}XX`;
    const response = operation.responses[key];
    if (response === undefined)
      throw new Error(`${name} answered ${status}, which the OpenAPI document does not list`);
    if (status < 300) this.succeeded.add(name);
    const media = (contentType ?? "").split(";")[0]?.trim() ?? "";
    const documented = response.content;
    if (documented === undefined) {
      if (body !== "" && body !== undefined && body !== null)
        throw new Error(`${name} → ${status} has a body the document does not`);
      return;
    }
    if (!(media in documented))
      throw new Error(
        `${name} → ${status} answered ${media}, the document says ${Object.keys(documented).join(", ")}`,
      );
    if (media !== "application/json") return;
    const pointer = `#/paths/${escape(operation.path)}/${method.toLowerCase()}/responses/${key}/content/application~1json/schema`;
    this.validate(pointer, body, `${name} → ${status}`);
  }

  private validate(pointer: string, body: unknown, what: string): void {
    let validate = this.validators.get(pointer);
    if (validate === undefined) {
      validate = this.ajv.getSchema(`openapi${pointer}`);
      if (validate === undefined) throw new Error(`the OpenAPI document has no schema at ${pointer}`);
      this.validators.set(pointer, validate);
    }
    if (!validate(body)) {
      const problems = (validate.errors ?? [])
        .map((e) => `${e.instancePath || "(body)"} ${e.message ?? ""}`)
        .join("; ");
      throw new Error(
        `${what} does not match the OpenAPI document: ${problems}\n${JSON.stringify(body).slice(0, 600)}`,
      );
    }
  }
}

function escape(path: string): string {
  return path.replace(/~/g, "~0").replace(/\//g, "~1");
}
