import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import axios from "axios";
import { afterAll, describe, expect, it } from "vitest";
import { databaseFile, Db } from "../../../simulator/store/database.js";
import { startCli } from "./cli-process.js";
import { newUser } from "./sim-harness.js";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-sim-durable-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const token = "durability-control-token";

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

describe("durability", () => {
  it("keeps every acknowledged registration across SIGKILL, with an intact database", async () => {
    const args = ["--data", dir, "--hash-profile", "fast", "--control-token", token];
    const first = await startCli(args);
    const { http, agent } = client(first.url, first.caFile);
    const acknowledged: string[] = [];
    let stop = false;
    let n = 0;
    const register = async () => {
      while (!stop) {
        const userId = `durable.${n++}`;
        try {
          const res = await http.post("/__sim/users", newUser(userId));
          if (res.status === 201) acknowledged.push(userId);
        } catch {
          return; // the server died mid-request: not acknowledged
        }
      }
    };
    const login = async () => {
      while (!stop) {
        try {
          await http.post("/sso/api/v1/authn", { userId: "demo.user", password: "Demo#2023pass" });
        } catch {
          return;
        }
      }
    };
    const workers = [register(), register(), register(), login()];
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 20));
    first.child.kill("SIGKILL");
    await first.exited;
    stop = true;
    await Promise.all(workers);
    agent.destroy();
    expect(acknowledged.length).toBeGreaterThanOrEqual(40);

    const second = await startCli(args);
    const again = client(second.url, second.caFile);
    try {
      const res = await again.http.get("/__sim/users");
      expect(res.status).toBe(200);
      const present = new Set((res.data.users as Array<{ userId: string }>).map((u) => u.userId));
      const missing = acknowledged.filter((id) => !present.has(id));
      expect(missing).toEqual([]);
      expect(present.has("demo.user")).toBe(true);

      const db = Db.open(databaseFile(dir), { readOnly: true });
      try {
        expect(db.pragma("integrity_check")).toBe("ok");
        expect(db.pragma("journal_mode")).toBe("wal");
      } finally {
        db.close();
      }
    } finally {
      again.agent.destroy();
      second.child.kill("SIGTERM");
      await second.exited;
    }
  });
});
