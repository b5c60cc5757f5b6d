import fs from "node:fs";
import https from "node:https";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "../../../shared/error-schemas.js";
import { answerAt } from "../../support/authn-answers.js";
import { demoPassword, type Harness, startHarness } from "./sim-harness.js";

interface RawAnswer {
  status: number;
  body: string;
}

interface RouteEntry {
  method: string;
  url: string;
}

let h: Harness;
let agent: https.Agent;
let routes: RouteEntry[];

/** Varies per run, printed so a failure can be replayed: FUZZ_SEED=<n> npx vitest run <this file>. */
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

/**
 * The routes by the credentials they take: each family is fuzzed with its own valid session (or the
 * control token), so what one family's calls do to a session (a sign-out, a reset) cannot shut the
 * others out before their validation.
 */
type Family = "admin" | "session" | "control" | "open";
const familyOf = (url: string): Family =>
  url.startsWith("/sso/api/v1/admin/") || url.startsWith("/sso/api/v1/participants/")
    ? "admin"
    : url.startsWith("/sso/api/v1/session")
      ? "session"
      : url.startsWith("/__sim/")
        ? "control"
        : "open";
/** Who signs in for the families that need a session: a DA for the admin routes, a user for their own session. */
const signInAs: Record<"admin" | "session", string> = { admin: "demo.da", session: "demo.user" };
const sessions = new Map<"admin" | "session", string>();

/** One request with full control over method, path, headers and the raw body bytes. */
function send(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<RawAnswer> {
  const url = new URL(h.sim.url);
  return new Promise((resolve, reject) => {
    const request = https.request(
      { host: url.hostname, port: url.port, method, path, headers, agent },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

beforeAll(async () => {
  h = await startHarness({ config: { rateLimit: { max: 1_000_000, timeWindowMs: 60_000 } } });
  agent = new https.Agent({ ca: fs.readFileSync(h.sim.caFile), keepAlive: true, maxSockets: 4 });
  const listed = await h.control.get("/__sim/routes");
  routes = (listed.data as { routes: RouteEntry[] }).routes;
  console.log(`fuzz seed ${seed} (replay with FUZZ_SEED=${seed})`);
});

/** A session of the family that the server still accepts: signed in again when a fuzzed call ended it. */
async function liveSession(family: "admin" | "session"): Promise<string> {
  const known = sessions.get(family);
  if (known !== undefined) {
    const check = await h.http.get("/sso/api/v1/session", { headers: { authorization: `Bearer ${known}` } });
    if (check.status === 200) return known;
  }
  const userId = signInAs[family];
  const begin = await h.post("/sso/api/v1/authn", { userId, password: demoPassword });
  const otp = await h.latestOtp(userId);
  const done = await h.post("/sso/api/v1/authn/otp/verify", { stateToken: begin.data.stateToken, otp });
  const token = answerAt(done.data, "SUCCESS").sessionToken;
  sessions.set(family, token);
  return token;
}
afterAll(async () => {
  agent.destroy();
  await h.close();
});

/** Text that tends to break parsers: unicode, control characters, path tricks, long runs. */
const nastyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.constantFrom(
    "",
    " ",
    "..",
    "../../etc/passwd",
    "%00",
    "null",
    "__proto__",
    "constructor",
    "a".repeat(5000),
    "😀",
    "\u0000",
    "'; DROP TABLE users;--",
  ),
);

const jsonValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(
    fc.constantFrom(
      "userId",
      "password",
      "otp",
      "stateToken",
      "email",
      "phase",
      "now",
      "offsetMs",
      "failRate",
      "latencyMs",
      "mailDelayMs",
      "dropMail",
      "role",
      "participant",
      "clearingHouse",
      "factor",
      "newPassword",
      "certificate",
      "signature",
      "pin",
      "__proto__",
    ),
    fc.oneof(
      nastyText,
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.integer(), { maxLength: 3 }),
    ),
    { maxKeys: 5 },
  ),
);

const bodyArb = fc.oneof(
  jsonValue.map((v) => ({ type: "application/json", bytes: Buffer.from(JSON.stringify(v) ?? "null") })),
  nastyText.map((t) => ({ type: "application/json", bytes: Buffer.from(t) })),
  fc.uint8Array({ maxLength: 200 }).map((b) => ({ type: "application/json", bytes: Buffer.from(b) })),
  jsonValue.map((v) => ({ type: "text/plain", bytes: Buffer.from(JSON.stringify(v) ?? "") })),
  fc.constant({ type: "application/x-www-form-urlencoded", bytes: Buffer.from("a=1&b=2") }),
  fc.constant({ type: "application/json", bytes: Buffer.alloc(64 * 1024, 0x61) }),
  fc.constant(undefined),
);

type Auth = "own" | "control" | "session" | "bogus" | "none";
/** Mostly the family's own credentials (so calls get past authentication), sometimes any other. */
const authArb: fc.Arbitrary<Auth> = fc.oneof(
  { arbitrary: fc.constant<Auth>("own"), weight: 3 },
  { arbitrary: fc.constantFrom<Auth>("control", "session", "bogus", "none"), weight: 2 },
);

function fillPath(url: string, params: string[]): string {
  let i = 0;
  return url.replace(/:[A-Za-z]+|\*/g, () => encodeURIComponent(params[i++ % params.length] ?? ""));
}

async function headersFor(
  family: Family,
  auth: Auth,
  type: string | undefined,
): Promise<Record<string, string>> {
  const headers: Record<string, string> = {};
  if (type !== undefined) headers["content-type"] = type;
  const own =
    family === "admin" || family === "session" ? "session" : family === "control" ? "control" : "none";
  const credential = auth === "own" ? own : auth;
  if (credential === "control") headers.authorization = `Bearer ${h.sim.controlToken}`;
  if (credential === "session") {
    headers.authorization = `Bearer ${await liveSession(family === "admin" ? "admin" : "session")}`;
  }
  if (credential === "bogus") headers.authorization = "Bearer ###";
  return headers;
}

describe("random and malformed payloads at every route", () => {
  it("the route list covers the wire, control and admin APIs", () => {
    const urls = routes.map((r) => `${r.method} ${r.url}`);
    expect(urls).toEqual(
      expect.arrayContaining([
        "POST /sso/api/v1/authn",
        "POST /sso/api/v1/authn/otp/verify",
        "GET /sso/api/v1/admin/users",
        "PUT /sso/api/v1/admin/users/:userId/email",
        "POST /sso/api/v1/admin/users/:userId/unlock",
        "POST /sso/api/v1/admin/users/:userId/lock",
        "GET /sso/api/v1/admin/participants/:participant/readiness",
        "POST /sso/api/v1/participants/:participant/pc-results",
        "POST /sso/api/v1/session/reauthenticate",
        "POST /__sim/users/:userId/sessions/end",
        "PUT /__sim/faults",
        "POST /__sim/users",
      ]),
    );
  });

  it("never answers 5xx nor crashes; every error is {error: {code, message}}; each family's calls reach validation", async () => {
    const problems: string[] = [];
    /** Per authenticated route: the statuses its family's own credentials got, and whether validation answered. */
    const reached = new Map<string, { statuses: Set<number>; invalidInput: boolean }>();
    for (const [index, route] of routes.entries()) {
      const family = familyOf(route.url);
      const key = `${route.method} ${route.url}`;
      const seen = { statuses: new Set<number>(), invalidInput: false };
      if (family !== "open") reached.set(key, seen);
      await fc.assert(
        fc.asyncProperty(
          fc.array(nastyText, { minLength: 1, maxLength: 3 }),
          bodyArb,
          authArb,
          fc.option(fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }), nastyText, { maxKeys: 3 }), {
            nil: undefined,
          }),
          async (params, body, auth, query) => {
            const path = fillPath(route.url, params);
            const qs = query === undefined ? "" : `?${new URLSearchParams(query).toString()}`;
            const withBody = route.method !== "GET" && route.method !== "DELETE" ? body : undefined;
            const answer = await send(
              route.method,
              `${path}${qs}`,
              await headersFor(family, auth, withBody?.type),
              withBody?.bytes,
            );
            if (route.url === "/__sim/faults" || route.url === "/__sim/clock") {
              // Keep later requests fast and on a sane clock whatever this one set.
              await h.control.put("/__sim/faults", {});
              await h.control.put("/__sim/clock", {});
            }
            if (route.url === "/sso/api/v1/session/reauthenticate") {
              // Wrong passwords count towards the lockout: keep the user able to sign in again.
              await h.control.post("/__sim/users/demo.user/unlock");
            }
            const label = `${route.method} ${`${path}${qs}`.slice(0, 160)} (auth ${auth}) -> ${answer.status}`;
            if (answer.status >= 500) problems.push(`${label}: ${answer.body.slice(0, 200)}`);
            if (answer.status >= 400) {
              let parsed: unknown;
              try {
                parsed = JSON.parse(answer.body);
              } catch {
                parsed = undefined;
              }
              const error = errorBodySchema.safeParse(parsed);
              if (!error.success) problems.push(`${label}: not an error body`);
              else if (auth === "own" && error.data.error.code === "INVALID_INPUT") seen.invalidInput = true;
            }
            if (auth === "own") seen.statuses.add(answer.status);
          },
        ),
        { numRuns: 30, seed: seed + index },
      );
    }
    expect(problems, `fuzz seed ${seed}`).toEqual([]);
    // With its own credentials every authenticated route got past authentication at least once ...
    const shutOut = [...reached].filter(([, r]) => [...r.statuses].every((s) => s === 401 || s === 403));
    expect(
      shutOut.map(([key]) => key),
      `fuzz seed ${seed}`,
    ).toEqual([]);
    // ... and the admin routes, with a DA's session, answered bad input from their validation.
    const adminUnvalidated = [...reached].filter(([key, r]) => key.includes("/admin/") && !r.invalidInput);
    expect(
      adminUnvalidated.map(([key]) => key),
      `fuzz seed ${seed}`,
    ).toEqual([]);
    const alive = await send("GET", "/sso", {});
    expect(alive.status).toBe(200);
  }, 300_000);
});
