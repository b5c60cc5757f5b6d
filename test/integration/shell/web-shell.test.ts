import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { httpRoute, methodNames } from "../../../shared/contract/names.js";
import { errorCodes } from "../../../shared/errors.js";
import type { Services } from "../../../electron/host/create-services.js";
import { startServices } from "../../support/host-services.js";
import { createWebServer, type WebServer } from "../../../electron/web/create-web-server.js";

let dataDir: string;
let rendererDir: string;
let guideDir: string;
/** A printed guide of this test's own: the English one only, as if the Chinese one had not been printed. */
const englishGuide = Buffer.from("%PDF-1.4\n% the English user guide\n%%EOF\n");
let services: Services;
let web: WebServer;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One raw HTTP request, so that headers such as Host and Origin are exactly what the test says. */
function request(
  method: string,
  urlPath: string,
  options: { headers?: Record<string, string>; body?: string; host?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: options.host ?? "127.0.0.1", port: web.port, method, path: urlPath, headers: options.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString("utf8"),
          }),
        );
      },
    );
    req.on("error", reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

const auth = () => ({ Authorization: `Bearer ${web.token}` });
const json = () => ({ ...auth(), "Content-Type": "application/json" });

async function call(method: string, input: unknown): Promise<{ status: number; body: unknown }> {
  const answer = await request("POST", httpRoute(method as never), {
    headers: json(),
    body: JSON.stringify(input),
  });
  return { status: answer.status, body: JSON.parse(answer.body) as unknown };
}

function expectErrorCode(body: unknown, code?: string): void {
  const error = (body as { error?: { code?: unknown; message?: unknown } }).error;
  expect(errorCodes).toContain(error?.code);
  expect(typeof error?.message).toBe("string");
  if (code !== undefined) expect(error?.code).toBe(code);
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-web-"));
  rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-web-renderer-"));
  fs.writeFileSync(path.join(rendererDir, "index.html"), "<!doctype html><title>CCMS Terminal</title>");
  fs.writeFileSync(path.join(dataDir, "secret.txt"), "not for the page");
  guideDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-web-guide-"));
  fs.writeFileSync(path.join(guideDir, "ccms-terminal-user-guide.en.pdf"), englishGuide);
  services = await startServices({
    dataDir,
    shell: "web",
    version: "0.0.0-test",
    simulatorHashProfile: "fast",
    userGuideDir: guideDir,
  });
  web = await createWebServer({
    dispatch: services.dispatch,
    events: services.events,
    rendererDir,
    userGuideDir: guideDir,
  });
});

afterAll(async () => {
  await web?.close();
  await services?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(rendererDir, { recursive: true, force: true });
  fs.rmSync(guideDir, { recursive: true, force: true });
});

describe("browser shell: who may talk to it", () => {
  it("listens on 127.0.0.1 only", async () => {
    expect(web.origin).toBe(`http://127.0.0.1:${web.port}`);
    // Another loopback address of this machine: a server bound to 127.0.0.1 alone does not answer there.
    await expect(request("GET", "/", { host: "127.0.0.2" })).rejects.toMatchObject({ code: "ECONNREFUSED" });
  });

  it("puts the token in the launch URL's fragment", () => {
    expect(web.launchUrl).toBe(`http://127.0.0.1:${web.port}/#token=${web.token}`);
    expect(web.token.length).toBeGreaterThanOrEqual(32);
  });

  it("answers 401 without the token and with a wrong one", async () => {
    const none = await request("POST", "/api/app.info", {
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect(none.status).toBe(401);
    expectErrorCode(JSON.parse(none.body), "UNAUTHORIZED");
    const wrong = await request("POST", "/api/app.info", {
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${web.token.slice(1)}x` },
      body: "{}",
    });
    expect(wrong.status).toBe(401);
    const events = await request("GET", "/api/events");
    expect(events.status).toBe(401);
  });

  it("answers 403 ORIGIN_REFUSED to another site's Origin, even with the token", async () => {
    const answer = await request("POST", "/api/app.info", {
      headers: { ...json(), Origin: "https://evil.example" },
      body: "{}",
    });
    expect(answer.status).toBe(403);
    expectErrorCode(JSON.parse(answer.body), "ORIGIN_REFUSED");
    const own = await request("POST", "/api/app.info", {
      headers: { ...json(), Origin: web.origin },
      body: "{}",
    });
    expect(own.status).toBe(200);
  });

  it("refuses a foreign Host header (DNS rebinding)", async () => {
    const answer = await request("GET", "/", { headers: { Host: `evil.example:${web.port}` } });
    expect(answer.status).toBe(403);
  });
});

describe("browser shell: serving the page", () => {
  it("serves the renderer with a strict CSP", async () => {
    const answer = await request("GET", "/");
    expect(answer.status).toBe(200);
    expect(answer.body).toContain("CCMS Terminal");
    const csp = String(answer.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).not.toContain("unsafe-eval");
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
  });

  it.each(["/../secret.txt", "/%2e%2e/secret.txt", "/..%2fsecret.txt", "/%00", "/.hidden"])(
    "gives nothing outside the renderer for %s",
    async (urlPath) => {
      const answer = await request("GET", urlPath);
      expect(answer.status).toBe(404);
      expect(answer.body).not.toContain("not for the page");
    },
  );
});

describe("browser shell: the contract over HTTP", () => {
  it("answers app.info with the built-in simulator and the web shell", async () => {
    const { status, body } = await call("app.info", {});
    expect(status).toBe(200);
    expect(body).toMatchObject({
      shell: "web",
      server: { profile: "builtin", simulated: true },
      serverProblem: null,
    });
  });

  it("answers every contract method with a value or a coded 4xx", async () => {
    for (const name of methodNames) {
      const { status, body } = await call(name, {});
      expect(status, name).not.toBe(500);
      if (status !== 200) expectErrorCode(body);
    }
  });

  it("rejects bad input with INVALID_INPUT and names the field", async () => {
    const { status, body } = await call("auth.begin", { userId: "", password: "x".repeat(300) });
    expect(status).toBe(400);
    expectErrorCode(body, "INVALID_INPUT");
  });

  it("answers malformed JSON, a wrong media type, a huge body, a GET and an unknown method with codes", async () => {
    const malformed = await request("POST", "/api/auth.begin", { headers: json(), body: "{ nope" });
    expect(malformed.status).toBe(400);
    expectErrorCode(JSON.parse(malformed.body), "MALFORMED_JSON");
    const text = await request("POST", "/api/auth.begin", {
      headers: { ...auth(), "Content-Type": "text/plain" },
      body: "hi",
    });
    expect(text.status).toBe(415);
    expectErrorCode(JSON.parse(text.body), "UNSUPPORTED_MEDIA_TYPE");
    const huge = await request("POST", "/api/auth.begin", {
      headers: json(),
      // Over the shell's 256 KB: room for a connectivity report uploaded to the readiness board, no more.
      body: JSON.stringify({ userId: "x".repeat(300_000) }),
    });
    expect(huge.status).toBe(413);
    expectErrorCode(JSON.parse(huge.body), "PAYLOAD_TOO_LARGE");
    const get = await request("GET", "/api/auth.begin", { headers: auth() });
    expect(get.status).toBe(405);
    expectErrorCode(JSON.parse(get.body), "METHOD_NOT_ALLOWED");
    const unknown = await request("POST", "/api/auth.nope", { headers: json(), body: "{}" });
    expect(unknown.status).toBe(404);
    expectErrorCode(JSON.parse(unknown.body), "NOT_FOUND");
  });

  it("never answers 5xx to random payloads on any method", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...methodNames), fc.jsonValue(), async (name, payload) => {
        const { status, body } = await call(name, payload);
        expect(status, `${name} ${JSON.stringify(payload)}`).toBeLessThan(500);
        if (status !== 200) expectErrorCode(body);
      }),
      { numRuns: 150 },
    );
  });

  it("never answers 5xx to random raw bodies and content types", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...methodNames),
        fc.string({ maxLength: 300 }),
        fc.constantFrom(
          "application/json",
          "application/json; charset=utf-8",
          "text/plain",
          "application/x-www-form-urlencoded",
        ),
        async (name, body, contentType) => {
          const answer = await request("POST", httpRoute(name), {
            headers: { ...auth(), "Content-Type": contentType },
            body,
          });
          expect(answer.status, `${name} ${contentType} ${JSON.stringify(body)}`).toBeLessThan(500);
          if (answer.status !== 200) expectErrorCode(JSON.parse(answer.body));
        },
      ),
      { numRuns: 150 },
    );
  });

  it("streams session.changed over SSE through a whole login and sign-out", async () => {
    const controller = new AbortController();
    const response = await fetch(`${web.origin}/api/events`, { headers: auth(), signal: controller.signal });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    if (!response.body) throw new Error("no stream body");
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const waitFor = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}`);
        text += decoder.decode(value, { stream: true });
      }
    };
    await waitFor(": connected");

    const begun = await call("auth.begin", { userId: "demo.user", password: "Demo#2023pass" });
    expect(begun.status).toBe(200);
    expect(begun.body).toMatchObject({ state: "OTP_REQUIRED" });
    expect(JSON.stringify(begun.body)).not.toMatch(/stateToken|sessionToken/);
    const mail = await call("mailbox.list", {});
    expect(mail.status).toBe(200);
    const otp = (mail.body as { messages: { otp: string | null }[] }).messages.at(-1)?.otp;
    expect(otp).toMatch(/^\d{6}$/);
    const verified = await call("auth.verifyOtp", { otp });
    expect(verified.body).toMatchObject({ state: "SUCCESS", session: { userId: "demo.user" } });

    await waitFor('"userId":"demo.user"');
    expect(text).toContain("event: session.changed");
    const signedOut = await call("auth.signOut", {});
    expect(signedOut).toEqual({ status: 200, body: { ok: true } });
    await waitFor('data: {"session":null,"locked":false,"ended":{"reason":"signed-out"}');
    controller.abort();
  });
});

describe("browser shell: the printed user guide", () => {
  it("names in app.info the languages whose guide this copy has", async () => {
    const { body } = await call("app.info", {});
    expect((body as { userGuide: unknown }).userGuide).toEqual(["en"]);
  });

  it("serves a language's guide as a PDF for the browser's own viewer, with no page policy to block it", async () => {
    const answer = await request("GET", "/guide/ccms-terminal-user-guide.en.pdf");
    expect(answer.status).toBe(200);
    expect(answer.headers["content-type"]).toBe("application/pdf");
    expect(answer.headers["content-disposition"]).toBe('inline; filename="ccms-terminal-user-guide.en.pdf"');
    expect(answer.headers["content-security-policy"]).toBeUndefined();
    expect(answer.headers["x-content-type-options"]).toBe("nosniff");
    expect(answer.body).toBe(englishGuide.toString("utf8"));
  });

  it("says a guide was not printed, and serves nothing else under /guide/", async () => {
    const chinese = await request("GET", "/guide/ccms-terminal-user-guide.zh-HK.pdf");
    expect(chinese.status).toBe(404);
    expect(JSON.parse(chinese.body)).toMatchObject({
      error: { code: "NOT_FOUND", message: /npm run guide/ },
    });
    for (const urlPath of [
      "/guide/other.pdf",
      "/guide/..%2fsecret.txt",
      "/guide/%2e%2e%2f%2e%2e%2fsecret.txt",
    ]) {
      const answer = await request("GET", urlPath);
      expect(answer.status, urlPath).toBe(404);
      expect(answer.body).not.toContain("not for the page");
    }
  });
});
