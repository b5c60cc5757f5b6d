import { execFile } from "node:child_process";
import { sign } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "../../../simulator/features/openapi/openapi-document.js";
import { demoPassword, openApi, startHarness, type Harness } from "./sim-harness.js";

const root = path.resolve(import.meta.dirname, "../../..");
const run = promisify(execFile);

let h: Harness;

beforeAll(async () => {
  h = await startHarness({}, "2023-06-05T10:00:00+08:00");
});
afterAll(() => h.close());

/** `GET /__sim/users/{userId}` from fastify's `/__sim/users/:userId`. */
const asDocumented = (route: { method: string; url: string }) =>
  `${route.method} ${route.url.replace(/:(\w+)/g, "{$1}")}`;

describe("the simulator's OpenAPI document", () => {
  it("is served at /__sim/openapi.json without a token, and the CLI prints the same", async () => {
    const served = await h.http.get("/__sim/openapi.json");
    expect(served.status).toBe(200);
    expect(served.data).toMatchObject({ openapi: "3.1.0", servers: [{ url: h.sim.url }] });
    const { stdout } = await run(process.execPath, ["--import", "tsx", "simulator/cli.ts", "openapi"], {
      cwd: root,
    });
    const printed = JSON.parse(stdout) as Record<string, unknown>;
    expect({ ...printed, servers: null }).toEqual({ ...(served.data as object), servers: null });
  });

  it("documents every route fastify serves, and no route it does not", async () => {
    const listed = await h.control.get("/__sim/routes");
    expect(listed.status).toBe(200);
    const served = new Set(
      (listed.data as { routes: { method: string; url: string }[] }).routes.map(asDocumented),
    );
    const documented = new Set(openApi.operationNames);
    expect(
      [...served].filter((route) => !documented.has(route)),
      "routes without a documented path",
    ).toEqual([]);
    expect(
      [...documented].filter((route) => !served.has(route)),
      "documented paths without a route",
    ).toEqual([]);
  });

  it("passes Redocly's recommended rules without an error", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-openapi-"));
    try {
      const file = path.join(dir, "openapi.json");
      fs.writeFileSync(file, JSON.stringify(openApiDocument()));
      const redocly = path.join(root, "node_modules/@redocly/cli/bin/cli.js");
      const result = await run(process.execPath, [redocly, "lint", file, "--format", "json"], {
        cwd: dir,
      }).catch((error: { stdout?: string; code?: number }) => ({
        stdout: error.stdout ?? "",
        code: error.code,
      }));
      const report = JSON.parse(result.stdout) as {
        totals: { errors: number };
        problems: { message: string; ruleId: string }[];
      };
      expect(
        report.problems
          .filter((p) => !["info-license"].includes(p.ruleId))
          .map((p) => `${p.ruleId}: ${p.message}`),
      ).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("matches every operation's real answers: each one called here answers as documented", async () => {
    const control = h.control;
    const post = (url: string, body?: unknown) => h.http.post(url, body);
    // Users and the control API.
    const user = {
      userId: "doc.user",
      password: demoPassword,
      email: "doc.user@cp077.example.com",
      role: "user",
      participant: "CP077",
      clearingHouse: "HKSCC",
      createdAt: "2023-01-02T09:00:00+08:00",
      hasSmartcard: true,
    };
    expect((await control.post("/__sim/users", user)).status).toBe(201);
    const da = {
      ...user,
      userId: "doc.da",
      email: "doc.da@cp077.example.com",
      role: "da",
      hasSmartcard: false,
    };
    expect((await control.post("/__sim/users", da)).status).toBe(201);
    await control.post("/__sim/users", {
      ...user,
      userId: "doc.expired",
      email: "doc.expired@cp077.example.com",
      passwordExpired: true,
      hasSmartcard: false,
    });
    expect((await control.get("/__sim/users")).status).toBe(200);
    expect((await control.get("/__sim/users/doc.user")).status).toBe(200);
    expect((await control.post("/__sim/users/doc.user/unlock")).status).toBe(200);
    for (const route of [
      "/__sim/status",
      "/__sim/clock",
      "/__sim/phase",
      "/__sim/faults",
      "/__sim/routes",
      "/__sim/audit?userId=doc.user",
    ]) {
      expect((await control.get(route)).status, route).toBe(200);
    }
    expect((await control.put("/__sim/faults", { latencyMs: 0 })).status).toBe(200);
    expect((await control.put("/__sim/clock", { now: "2023-06-05T10:00:00+08:00" })).status).toBe(200);

    // A password + OTP sign-in of the DA, a resend, the session and the DA's work.
    const otpStep = (await post("/sso/api/v1/authn", { userId: "doc.da", password: demoPassword })).data as {
      stateToken: string;
    };
    h.clock.advance(31_000);
    expect((await post("/sso/api/v1/authn/otp/resend", { stateToken: otpStep.stateToken })).status).toBe(200);
    expect((await control.get("/__sim/mailbox?userId=doc.da")).status).toBe(200);
    const done = await post("/sso/api/v1/authn/otp/verify", {
      stateToken: otpStep.stateToken,
      otp: await h.latestOtp("doc.da"),
    });
    const session = {
      headers: { authorization: `Bearer ${(done.data as { sessionToken: string }).sessionToken}` },
    };
    expect((await h.http.get("/sso/api/v1/session", session)).status).toBe(200);
    expect((await h.http.get("/sso/api/v1/session/status", session)).status).toBe(200);
    expect((await h.http.get("/sso/api/v1/session/sign-ins", session)).status).toBe(200);
    const again = { password: demoPassword };
    expect((await h.http.post("/sso/api/v1/session/reauthenticate", again, session)).status).toBe(200);
    expect((await h.http.get("/sso/api/v1/admin/users", session)).status).toBe(200);
    // The participant's readiness: a PC's result reaches the board.
    const report = {
      status: "pass",
      startedAt: "2023-06-05T09:00:00.000Z",
      target: "https://sso.example.com/sso",
      steps: [
        { id: "page", status: "pass", durationMs: 3, detail: "The sign-in page answered.", hint: null },
      ],
      timings: { dnsMs: 1, connectMs: 1, tlsMs: 1, ttfbMs: 1, totalMs: 4 },
    };
    const pcResult = {
      pcName: "DOC-PC1",
      source: "upload",
      fileName: "doc.json",
      report: JSON.stringify(report),
    };
    expect((await h.http.post("/sso/api/v1/participants/CP077/pc-results", pcResult, session)).status).toBe(
      201,
    );
    expect(
      (await h.http.get("/sso/api/v1/admin/participants/CP077/readiness?users=needs-action", session)).status,
    ).toBe(200);
    expect((await h.http.post("/sso/api/v1/admin/users/doc.user/lock", undefined, session)).status).toBe(200);
    expect((await control.post("/__sim/users/doc.user/sessions/end", {})).status).toBe(200);
    expect(
      (
        await h.http.put(
          "/sso/api/v1/admin/users/doc.user/email",
          { email: "doc.user2@cp077.example.com" },
          session,
        )
      ).status,
    ).toBe(200);
    expect((await h.http.post("/sso/api/v1/admin/users/doc.user/unlock", undefined, session)).status).toBe(
      200,
    );
    // A DA's address is an application HKEX processes; the control API lists and processes them.
    await control.post("/__sim/users", { ...da, userId: "doc.da2", email: undefined });
    const applied = await h.http.put(
      "/sso/api/v1/admin/users/doc.da2/email",
      { email: "doc.da2@cp077.example.com" },
      session,
    );
    expect(applied.data).toMatchObject({ changed: false, application: { late: true } });
    expect((await control.get("/__sim/hkex/da-email-applications?status=processing")).status).toBe(200);
    expect((await control.post("/__sim/hkex/da-email-applications/process")).status).toBe(200);
    expect((await h.http.delete("/sso/api/v1/session", session)).status).toBe(204);

    // The trainer's view of the room, and one trainee unlocked, ended and started over.
    expect((await control.get("/__sim/room")).data).toMatchObject({
      trainees: expect.arrayContaining([expect.objectContaining({ userId: "doc.da" })]),
    });
    for (const action of ["unlock", "end-session", "start-over"]) {
      expect((await control.post(`/__sim/room/trainees/doc.da/${action}`)).status, action).toBe(200);
    }

    // The parallel run's smartcard, with a card the control API issued.
    expect((await control.put("/__sim/phase", { phase: "parallel-run" })).status).toBe(200);
    const choice = (await post("/sso/api/v1/authn", { userId: "doc.user", password: demoPassword })).data as {
      state: string;
      stateToken: string;
    };
    expect(choice.state).toBe("METHOD_CHOICE");
    expect(
      (await post("/sso/api/v1/authn/factor", { stateToken: choice.stateToken, factor: "smartcard" })).status,
    ).toBe(200);
    const card = (await control.post("/__sim/cards", { userId: "doc.user", pin: "2468" })).data as {
      card: { certificate: string; privateKey: string };
    };
    const nonce = (await post("/sso/api/v1/authn/smartcard/challenge", { stateToken: choice.stateToken }))
      .data as { nonce: string };
    const signature = sign("sha256", Buffer.from(nonce.nonce, "base64"), card.card.privateKey).toString(
      "base64",
    );
    const verified = await post("/sso/api/v1/authn/smartcard/verify", {
      stateToken: choice.stateToken,
      certificate: card.card.certificate,
      signature,
    });
    expect(verified.data).toMatchObject({ state: "SUCCESS" });

    // An expired password, a cancelled sign-in, the page, the status and a reset.
    const expired = (await post("/sso/api/v1/authn", { userId: "doc.expired", password: demoPassword }))
      .data as { stateToken: string };
    expect(
      (
        await post("/sso/api/v1/authn/password/change", {
          stateToken: expired.stateToken,
          newPassword: "Fresh#Password-2023",
        })
      ).status,
    ).toBe(200);
    expect((await post("/sso/api/v1/authn/cancel", { stateToken: expired.stateToken })).status).toBe(204);
    for (const route of [
      "/sso",
      "/sso/",
      "/sso/assets/login.js",
      "/sso/api/v1/simulator",
      "/__sim/openapi.json",
      "/healthz",
      "/readyz",
    ]) {
      expect((await h.http.get(route)).status, route).toBe(200);
    }
    expect((await control.put("/__sim/phase", { phase: null })).status).toBe(200);

    // A trainer's rehearsal: a moment, a situation on top, a reported check, start over.
    expect((await control.get("/__sim/rehearsal")).status).toBe(200);
    expect((await control.put("/__sim/rehearsal/moment", { preset: "launch-day" })).status).toBe(200);
    expect((await control.put("/__sim/rehearsal/situation", { name: "locked-account" })).status).toBe(200);
    const check = { userId: "doc.user", target: "https://sso.example.com/sso", status: "pass" };
    expect((await control.post("/__sim/rehearsal/connectivity-checks", check)).status).toBe(201);
    expect((await control.post("/__sim/rehearsal/start-over")).status).toBe(200);
    expect((await control.post("/__sim/reset")).status).toBe(200);

    const missed = openApi.operationNames.filter((name) => !openApi.succeeded.has(name));
    expect(missed, "documented operations no call here answered with success").toEqual([]);
  });

  it("would catch an answer that differs from the document", () => {
    expect(() => openApi.check("GET", "/__sim/status", 200, "application/json", { phase: "never" })).toThrow(
      /does not match the OpenAPI document/,
    );
    expect(() => openApi.check("GET", "/__sim/nowhere", 200, "application/json", {})).toThrow(
      /no such operation/,
    );
    expect(() =>
      openApi.check("POST", "/__sim/reset", 418, "application/json", {
        error: { code: "INTERNAL", message: "x" },
      }),
    ).not.toThrow();
    expect(() => openApi.check("POST", "/__sim/reset", 200, "application/json", { reset: true })).toThrow(
      /phase/,
    );
  });
});
