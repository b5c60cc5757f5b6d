import { z } from "zod";
import { errorBodySchema } from "../../../shared/error-schemas.js";
import { adminUserSchema } from "../../../shared/wire/admin.js";
import { authnResponseSchema, sessionInfoSchema } from "../../../shared/wire/authn.js";
import {
  auditEventSchema,
  mailMessageSchema,
  scheduleSchema,
  simStatusSchema,
  simUserSchema,
} from "../../../shared/wire/control.js";
import { faultsResponseSchema } from "../../../shared/wire/faults.js";
import { cardFileSchema } from "../../smartcard/card-file.js";
import { controlOperations } from "./control-operations.js";
import { healthOperations } from "./health-operations.js";
import { type Operation } from "./operation.js";
import { readinessOperations } from "./readiness-operations.js";
import { rehearsalOperations } from "./rehearsal-operations.js";
import { roomOperations } from "./room-operations.js";
import { ssoOperations } from "./sso-operations.js";

type Json = Record<string, unknown>;

/** Every documented operation: the wire protocol, the simulator's status and login page, the control API. */
export const operations: readonly Operation[] = [
  ...ssoOperations,
  ...readinessOperations,
  ...controlOperations,
  ...rehearsalOperations,
  ...roomOperations,
  ...healthOperations,
];

/** Schemas that get a name of their own in `components.schemas`, wherever they appear. */
const named = z.registry<{ id: string }>();
named.add(errorBodySchema, { id: "ErrorBody" });
named.add(authnResponseSchema, { id: "AuthnResponse" });
named.add(sessionInfoSchema, { id: "SessionInfo" });
named.add(adminUserSchema, { id: "AdminUser" });
named.add(simUserSchema, { id: "SimUser" });
named.add(simStatusSchema, { id: "SimStatus" });
named.add(scheduleSchema, { id: "Schedule" });
named.add(mailMessageSchema, { id: "MailMessage" });
named.add(auditEventSchema, { id: "AuditEvent" });
named.add(faultsResponseSchema, { id: "Faults" });
named.add(cardFileSchema, { id: "CardFile" });

const tags = [
  {
    name: "sign-in",
    description: "The 2FA sign-in steps: password, then a one-time password or a smartcard.",
  },
  { name: "session", description: "The session a sign-in opens (bearer session token)." },
  { name: "administration", description: "A Delegated Administrator's work on the participant's users." },
  { name: "simulator", description: "The simulator's own public extension of the wire protocol." },
  { name: "login-page", description: "The SSO login page a browser and the connectivity check see." },
  { name: "control", description: "The QA control API (bearer control token, printed by the simulator)." },
  {
    name: "rehearsal",
    description:
      "A trainer's side of the control API: the simulated moment, situations, and the view of the room.",
  },
  {
    name: "hkex",
    description: "HKEX's side of the control API: processing DAs' email applications.",
  },
  {
    name: "health",
    description: "Liveness and readiness for a load balancer in front of several instances.",
  },
];

/**
 * The OpenAPI 3.1 document of the simulator, generated from the zod schemas its routes validate
 * with (zod's own JSON Schema output is draft 2020-12, OpenAPI 3.1's schema dialect).
 */
export function openApiDocument(options: { serverUrl?: string } = {}): Json {
  const components = new Components();
  const paths: Record<string, Record<string, Json>> = {};
  for (const operation of operations) {
    (paths[operation.path] ??= {})[operation.method] = operationObject(operation, components);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "CCMS 2FA simulator",
      version: "1.0.0",
      description:
        "The simulated HKEX 2FA/SSO server of the CCMS Terminal emulator: the wire protocol under /sso/api/v1 " +
        "and the QA control API under /__sim. Every error answers `{error: {code, message, details?}}`. " +
        "The server speaks HTTPS with a CA of its own: trust `<data folder>/ca/ca-cert.pem`.",
    },
    servers: [
      options.serverUrl
        ? { url: options.serverUrl, description: "This simulator." }
        : {
            url: "https://127.0.0.1:{port}",
            description: "A simulator on this computer (`npm run simulator` prints its address).",
            variables: { port: { default: "8443", description: "The port the simulator printed." } },
          },
    ],
    tags,
    paths,
    components: {
      schemas: components.schemas,
      securitySchemes: {
        controlToken: {
          type: "http",
          scheme: "bearer",
          description:
            "The control token: printed by the simulator at start, or given in CCMS_SIM_CONTROL_TOKEN or with --control-token-file.",
        },
        sessionToken: {
          type: "http",
          scheme: "bearer",
          description: "The `sessionToken` of a `SUCCESS` answer.",
        },
      },
    },
  };
}

function operationObject(operation: Operation, components: Components): Json {
  const parameters = [
    ...parametersOf(operation.params, "path", components),
    ...parametersOf(operation.query, "query", components),
  ];
  const responses: Json = {};
  for (const [status, response] of Object.entries(operation.responses)) {
    const contentType = response.contentType ?? "application/json";
    const schema = response.text
      ? { type: "string" }
      : response.schema && components.schemaOf(response.schema, "output");
    responses[status] = {
      description: response.description,
      ...(schema ? { content: { [contentType]: { schema } } } : {}),
    };
  }
  return {
    operationId: operation.operationId,
    tags: [operation.tag],
    summary: operation.summary,
    ...(operation.description ? { description: operation.description } : {}),
    security:
      operation.access === "public"
        ? []
        : [{ [operation.access === "control" ? "controlToken" : "sessionToken"]: [] }],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(operation.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: components.schemaOf(operation.body, "input") } },
          },
        }
      : {}),
    responses,
  };
}

function parametersOf(
  schema: z.ZodObject | undefined,
  where: "path" | "query",
  components: Components,
): Json[] {
  if (schema === undefined) return [];
  const json = components.schemaOf(schema, "input") as {
    properties?: Record<string, Json>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === "path" || (json.required ?? []).includes(name),
    schema: property,
  }));
}

/** `components.schemas`, filled as schemas are converted: named ones (and zod's own `$defs`) become references. */
class Components {
  readonly schemas: Record<string, Json> = {};

  schemaOf(schema: z.ZodType, io: "input" | "output"): Json {
    const json = z.toJSONSchema(schema, {
      io,
      metadata: named,
      target: "draft-2020-12",
      unrepresentable: "any",
    }) as Json;
    const rename = new Map<string, string>();
    const defs = (json["$defs"] ?? {}) as Record<string, Json>;
    for (const [key, def] of Object.entries(defs)) {
      rename.set(key, this.place(key, rewrite(def, rename) as Json, io));
    }
    delete json["$defs"];
    delete json["$schema"];
    const rootId = named.get(schema)?.id;
    const body = rewrite(json, rename) as Json;
    if (rootId === undefined) return body;
    delete body["id"];
    return { $ref: `#/components/schemas/${this.place(rootId, body, io)}` };
  }

  /** Stores a schema under its name (or, when the other direction differs, a suffixed one); returns the name used. */
  private place(name: string, schema: Json, io: "input" | "output"): string {
    const clean = { ...schema };
    delete clean["id"];
    const existing = this.schemas[name];
    if (existing === undefined || JSON.stringify(existing) === JSON.stringify(clean)) {
      this.schemas[name] = clean;
      return name;
    }
    const other = `${name}${io === "input" ? "Input" : "Output"}`;
    this.schemas[other] = clean;
    return other;
  }
}

function rewrite(value: unknown, rename: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(value)) return value.map((item) => rewrite(item, rename));
  if (typeof value !== "object" || value === null) return value;
  const out: Json = {};
  for (const [key, item] of Object.entries(value)) {
    if (key === "$ref" && typeof item === "string" && item.startsWith("#/$defs/")) {
      const name = item.slice("#/$defs/".length);
      out[key] = `#/components/schemas/${rename.get(name) ?? name}`;
    } else {
      out[key] = rewrite(item, rename);
    }
  }
  return out;
}
