import https from "node:https";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "../../../shared/error-schemas.js";
import { type Harness, startHarness } from "./sim-harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

/** Sends raw bytes, so malformed bodies reach the server as they are. */
function raw(method: string, path: string, body: string | undefined, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: unknown }>(
    (resolve, reject) => {
      const req = https.request(
        `${h.sim.url}${path}`,
        { method, ca: fs.readFileSync(h.sim.caFile), headers },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => (text += chunk));
          res.on("end", () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: text ? JSON.parse(text) : null,
            }),
          );
        },
      );
      req.on("error", reject);
      if (body !== undefined) req.write(body);
      req.end();
    },
  );
}

describe("HTTP errors", () => {
  it("maps malformed JSON to 400 MALFORMED_JSON", async () => {
    const res = await raw("POST", "/sso/api/v1/authn/cancel", '{"stateToken": ', {
      "content-type": "application/json",
    });
    expect(res.status).toBe(400);
    expect(errorBodySchema.parse(res.body).error.code).toBe("MALFORMED_JSON");
  });

  it("maps a wrong content type to 415", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "application/xml"]) {
      const res = await raw("POST", "/sso/api/v1/authn/cancel", "stateToken=abc", { "content-type": type });
      expect(res.status, type).toBe(415);
      expect(errorBodySchema.parse(res.body).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    }
  });

  it("maps a body over 16 KiB to 413 PAYLOAD_TOO_LARGE", async () => {
    const body = JSON.stringify({ stateToken: "a".repeat(17 * 1024) });
    const res = await raw("POST", "/sso/api/v1/authn/cancel", body, { "content-type": "application/json" });
    expect(res.status).toBe(413);
    expect(errorBodySchema.parse(res.body).error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("maps unknown routes to 404 NOT_FOUND", async () => {
    for (const [method, path] of [
      ["GET", "/nothing"],
      ["PATCH", "/sso/api/v1/authn"],
      ["GET", "/sso/api/v1/authn"],
    ] as const) {
      const res = await raw(method, path, undefined, {});
      expect(res.status).toBe(404);
      expect(errorBodySchema.parse(res.body).error.code).toBe("NOT_FOUND");
    }
  });

  it("names the fields at fault for invalid input", async () => {
    const res = await h.post("/sso/api/v1/authn/otp/verify", { stateToken: "short", otp: "12ab" });
    expect(res.status).toBe(400);
    expect(res.data.error.code).toBe("INVALID_INPUT");
    expect(res.data.error.message).toContain("otp");
    const extra = await h.post("/sso/api/v1/authn", { userId: "demo.user", password: "x", admin: true });
    expect(extra.status).toBe(400);
    const empty = await h.post("/sso/api/v1/authn", { userId: "", password: "" });
    expect(empty.status).toBe(400);
    const long = await h.post("/sso/api/v1/authn", { userId: "u".repeat(65), password: "p" });
    expect(long.status).toBe(400);
  });

  it("serves the SSO login page at /sso and /sso/", async () => {
    for (const path of ["/sso", "/sso/"]) {
      const res = await h.http.get(path);
      expect(res.status).toBe(200);
      expect(res.headers["content-type"]).toContain("text/html");
      const html = String(res.data);
      expect(html).toMatch(/<title>[^<]*HKEX[^<]*Sign in[^<]*<\/title>/);
      expect(html).toContain("CCMS Single Sign-On");
      expect(html).toContain('id="userId"');
      expect(html).toContain('type="password"');
    }
    const script = await h.http.get("/sso/assets/login.js");
    expect(script.status).toBe(200);
    expect(script.headers["content-type"]).toContain("javascript");
  });

  it("rate-limits the authn endpoints per address with 429 and Retry-After", async () => {
    const limited = await startHarness({ config: { rateLimit: { max: 3, timeWindowMs: 60_000 } } });
    try {
      const statuses: number[] = [];
      let last;
      for (let i = 0; i < 4; i++) {
        last = await limited.post("/sso/api/v1/authn", { userId: "rate.limited", password: "whatever" });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
      expect(last?.data.error.code).toBe("RATE_LIMITED");
      expect(Number(last?.headers["retry-after"])).toBeGreaterThan(0);
      // the control API is not limited
      for (let i = 0; i < 5; i++) expect((await limited.control.get("/__sim/status")).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});
