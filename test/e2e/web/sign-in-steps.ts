import fs from "node:fs";
import https from "node:https";
import { type Simulator } from "../../../qa/index.js";
import { request, type Answer } from "../../support/https-request.js";
import { DEMO_PASSWORD, expect } from "./fixtures.js";

/** A call to the simulator's 2FA API as another terminal makes it (no page), trusting only its CA. */
export async function callSimulator(
  sim: Simulator,
  method: string,
  route: string,
  body?: unknown,
  token?: string,
): Promise<Answer> {
  const agent = new https.Agent({ ca: fs.readFileSync(sim.caFile) });
  try {
    return await request(agent, sim.url, method, route, body, token);
  } finally {
    agent.destroy();
  }
}

/** Signs in over the wire as another terminal would (no page), and returns the session token. */
export async function signInOverWire(sim: Simulator, userId: string): Promise<string> {
  const begin = await callSimulator(sim, "POST", "/sso/api/v1/authn", { userId, password: DEMO_PASSWORD });
  expect(begin.body["state"], JSON.stringify(begin.body)).toBe("OTP_REQUIRED");
  const done = await callSimulator(sim, "POST", "/sso/api/v1/authn/otp/verify", {
    stateToken: begin.body["stateToken"],
    otp: await sim.waitForOtp({ userId }),
  });
  expect(done.status, JSON.stringify(done.body)).toBe(200);
  return String(done.body["sessionToken"]);
}

/** Moves the simulator's clock to `offsetMs` from now (it then runs on). */
export async function clockAhead(sim: Simulator, offsetMs: number): Promise<void> {
  await sim.setClock(new Date(Date.now() + offsetMs).toISOString());
}
