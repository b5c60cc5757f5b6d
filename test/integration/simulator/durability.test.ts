import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import axios from "axios";
import { afterAll, describe, expect, it } from "vitest";
import { answerAt } from "../../support/authn-answers.js";
import { startCli } from "./cli-process.js";
import { databaseFile, Db } from "../../../simulator/store/database.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-sim-durable-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const token = "durability-control-token";
const password = "Durable#Pass2023";
const args = ["--data", dir, "--hash-profile", "fast", "--control-token", token];
const emailOf = (userId: string) => `${userId}@cp009.example.com`;

function client(url: string, caFile: string) {
  const agent = new https.Agent({ ca: fs.readFileSync(caFile), keepAlive: true });
  const http = axios.create({
    baseURL: url,
    httpsAgent: agent,
    validateStatus: () => true,
    headers: { authorization: `Bearer ${token}` },
  });
  return { http, agent };
}

interface Run {
  /** Users whose registration was answered 201. */
  registered: string[];
  /** Logins answered OTP_REQUIRED: the server stored each, with its code, before answering. */
  loggedIn: Array<{ userId: string; stateToken: string }>;
  /** Requests that were on their way when the server died: sent, never answered. */
  cutOff: { registrations: number; logins: number };
}

let nextUser = 0;

/**
 * Starts the simulator, loads it with registrations and logins from more clients than it has cores
 * (so requests queue), and SIGKILLs it a moment after a request went out once enough is acknowledged.
 */
async function loadAndKill(): Promise<Run> {
  const server = await startCli(args);
  const { http, agent } = client(server.url, server.caFile);
  const run: Run = { registered: [], loggedIn: [], cutOff: { registrations: 0, logins: 0 } };
  let killing = false;
  let killed = false;
  const killSoon = () => {
    if (killing || run.registered.length < 40 || run.loggedIn.length < 20) return;
    killing = true;
    setTimeout(() => {
      killed = true;
      server.child.kill("SIGKILL");
    }, 1);
  };
  const send = async <T>(kind: keyof Run["cutOff"], request: () => Promise<T>): Promise<T | "cut off"> => {
    try {
      const answer = request();
      killSoon();
      return await answer;
    } catch (error) {
      if (!killed) throw error;
      run.cutOff[kind] += 1;
      return "cut off";
    }
  };
  const register = async () => {
    while (!killed) {
      const userId = `durable.${nextUser++}`;
      const res = await send("registrations", () =>
        http.post("/__sim/users", {
          userId,
          password,
          email: emailOf(userId),
          role: "user",
          participant: "CP009",
          clearingHouse: "HKSCC",
        }),
      );
      if (res === "cut off") return;
      if (res.status === 201) run.registered.push(userId);
    }
  };
  // Each acknowledged user signs in once, so each login has its own mailbox to read its code from.
  let nextLogin = 0;
  const login = async () => {
    while (!killed) {
      const userId = run.registered[nextLogin];
      if (userId === undefined) {
        await new Promise((resolve) => setTimeout(resolve, 2));
        continue;
      }
      nextLogin += 1;
      const res = await send("logins", () => http.post("/sso/api/v1/authn", { userId, password }));
      if (res === "cut off") return;
      if (res.status === 200) {
        run.loggedIn.push({ userId, stateToken: answerAt(res.data, "OTP_REQUIRED").stateToken });
      }
    }
  };
  await Promise.all([...Array.from({ length: 12 }, register), ...Array.from({ length: 6 }, login)]);
  await server.exited;
  agent.destroy();
  return run;
}

describe("durability", () => {
  it("keeps every acknowledged registration and login across SIGKILL taken with writes in flight, with an intact database", async () => {
    // A kill can land between two of the server's group commits with every answer already sent; such a
    // run still counts for durability, and the load goes on until a kill cuts writes off mid-way.
    const runs: Run[] = [];
    while (runs.length < 5 && !runs.some((r) => r.cutOff.registrations + r.cutOff.logins > 0)) {
      runs.push(await loadAndKill());
    }
    for (const [i, r] of runs.entries()) {
      console.log(
        `durability run ${i + 1}: ${r.registered.length} registrations and ${r.loggedIn.length} logins acknowledged; ` +
          `${r.cutOff.registrations} registrations and ${r.cutOff.logins} logins in flight at the kill`,
      );
    }
    expect(runs.some((r) => r.cutOff.registrations + r.cutOff.logins > 0)).toBe(true);
    const registered = runs.flatMap((r) => r.registered);
    const loggedIn = runs.flatMap((r) => r.loggedIn);

    const survivor = await startCli(args);
    const again = client(survivor.url, survivor.caFile);
    try {
      const res = await again.http.get("/__sim/users");
      expect(res.status).toBe(200);
      const present = new Set((res.data.users as Array<{ userId: string }>).map((u) => u.userId));
      expect(registered.filter((id) => !present.has(id))).toEqual([]);
      expect(present.has("demo.user")).toBe(true);

      // Every acknowledged login is still there, its mail in the outbox and its code good for SUCCESS.
      const lost: string[] = [];
      for (const { userId, stateToken } of loggedIn) {
        const mail = await again.http.get("/__sim/mailbox", { params: { to: emailOf(userId) } });
        const otp = (mail.data.messages as Array<{ otp: string | null }> | undefined)?.at(-1)?.otp;
        const verified = otp
          ? await again.http.post("/sso/api/v1/authn/otp/verify", { stateToken, otp })
          : null;
        if (verified?.status !== 200 || verified.data.state !== "SUCCESS") {
          lost.push(`${userId}: ${otp ? JSON.stringify(verified?.data) : "no OTP mail"}`);
        }
      }
      expect(lost).toEqual([]);

      const db = Db.open(databaseFile(dir), { readOnly: true });
      try {
        expect(db.pragma("integrity_check")).toBe("ok");
        expect(db.pragma("journal_mode")).toBe("wal");
      } finally {
        db.close();
      }
    } finally {
      again.agent.destroy();
      survivor.child.kill("SIGTERM");
      await survivor.exited;
    }
  }, 180_000);
});
