import fs from "node:fs";
import https from "node:https";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "../../../shared/error-schemas.js";
import { type Harness, startHarness } from "./sim-harness.js";

let h: Harness;
let agent: https.Agent;
beforeAll(async () => {
  h = await startHarness();
  // A fresh connection per request: the server closes connections after some errors by design.
  agent = new https.Agent({ ca: fs.readFileSync(h.sim.caFile), keepAlive: false });
});
afterAll(async () => {
  agent.destroy();
  await h.close();
});

const routes: Array<{ method: string; path: string; control?: boolean }> = [
  { method: "POST", path: "/sso/api/v1/authn" },
  { method: "POST", path: "/sso/api/v1/authn/otp/verify" },
  { method: "POST", path: "/sso/api/v1/authn/otp/resend" },
  { method: "POST", path: "/sso/api/v1/authn/factor" },
  { method: "POST", path: "/sso/api/v1/authn/cancel" },
  { method: "POST", path: "/sso/api/v1/authn/password/change" },
  { method: "GET", path: "/sso/api/v1/session" },
  { method: "DELETE", path: "/sso/api/v1/session" },
  { method: "POST", path: "/__sim/users", control: true },
  { method: "GET", path: "/__sim/mailbox", control: true },
  { method: "GET", path: "/__sim/status", control: true },
  { method: "PUT", path: "/__sim/clock", control: true },
  { method: "PUT", path: "/__sim/phase", control: true },
  { method: "GET", path: "/__sim/audit", control: true },
  { method: "POST", path: "/__sim/users/%s/unlock", control: true },
  { method: "GET", path: "/__sim/users/%s", control: true },
];

function send(method: string, path: string, headers: Record<string, string>, body: string | undefined) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = https.request(`${h.sim.url}${path}`, { method, agent, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const jsonish = fc.oneof(
  fc.json(),
  fc.string(),
  fc
    .record(
      {
        userId: fc.oneof(fc.string(), fc.constant("demo.user"), fc.integer()),
        password: fc.oneof(fc.string(), fc.constant(null)),
        stateToken: fc.oneof(fc.string({ minLength: 16, maxLength: 64 }), fc.base64String()),
        otp: fc.oneof(fc.stringMatching(/^\d{6}$/), fc.string()),
        factor: fc.constantFrom("otp", "smartcard", "fax", ""),
        phase: fc.constantFrom("parallel-run", null, "x"),
        now: fc.oneof(
          fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
          fc.string(),
        ),
        offsetMs: fc.oneof(fc.integer(), fc.double()),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
);

describe("random and malformed payloads at every route", () => {
  it("always answer a 4xx JSON error with a code (or a 2xx), never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        jsonish,
        fc.constantFrom(
          "application/json",
          "application/json; charset=utf-8",
          "text/plain",
          "application/octet-stream",
          "",
        ),
        fc.oneof(fc.constant("demo.user"), fc.string({ maxLength: 80 })),
        fc.constantFrom("", "?to=a@b.c", "?userId=demo.user", "?limit=abc", "?userId=", "?x=1&x=2"),
        fc.boolean(),
        async (route, body, contentType, param, query, goodAuth) => {
          const path =
            route.path.replace("%s", encodeURIComponent(param)) + (route.method === "GET" ? query : "");
          const headers: Record<string, string> = {};
          if (contentType !== "") headers["content-type"] = contentType;
          const token = route.control ? h.sim.controlToken : "not-a-session-token";
          headers["authorization"] = goodAuth ? `Bearer ${token}` : "Bearer x";
          const hasBody = route.method !== "GET";
          const res = await send(route.method, path, headers, hasBody ? body : undefined);
          expect(res.status, `${route.method} ${path} ${body}`).toBeLessThan(500);
          if (res.status >= 400) {
            const parsed = errorBodySchema.safeParse(JSON.parse(res.text));
            expect(parsed.success, res.text).toBe(true);
          }
        },
      ),
      { numRuns: 400 },
    );
    // the server still answers normally afterwards
    const status = await h.control.get("/__sim/status");
    expect(status.status).toBe(200);
  });
});
