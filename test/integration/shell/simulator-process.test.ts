import { fork, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import axios from "axios";
import { afterAll, describe, expect, it } from "vitest";
import {
  channelOf,
  forkLauncher,
  type SimulatorLauncher,
} from "../../../electron/host/builtin-simulator/launcher.js";
import {
  SimulatorProcess,
  type SimulatorEndpoint,
} from "../../../electron/host/builtin-simulator/simulator-process.js";
import { sourceSimulatorLauncher } from "../../../electron/host/builtin-simulator/source-launcher.js";
import { openAppLog } from "../../../electron/host/app-log.js";
import { databaseFile, Db } from "../../../simulator/store/database.js";
import { newUser } from "../simulator/sim-harness.js";

const root = path.resolve(import.meta.dirname, "../../..");
const dirs: string[] = [];
const tempDir = (label: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ccms-simproc-${label}-`));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** The source launcher, keeping each Node child process so a test can SIGKILL it. */
function killableLauncher(): { launcher: SimulatorLauncher; children: ChildProcess[] } {
  const children: ChildProcess[] = [];
  const entry = path.join(root, "simulator/child/entry.ts");
  const launcher: SimulatorLauncher = () => {
    const child = fork(entry, [], {
      execArgv: ["--import", "tsx"],
      stdio: ["ignore", "ignore", "inherit", "ipc"],
    });
    children.push(child);
    return channelOf(child);
  };
  return { launcher, children };
}

/** Registers users as fast as the simulator acknowledges them, until it stops answering. */
function registerUntilRefused(endpoint: SimulatorEndpoint, workers = 3) {
  const agent = new https.Agent({ ca: endpoint.caCertPem, keepAlive: true });
  const http = axios.create({
    baseURL: endpoint.url,
    httpsAgent: agent,
    proxy: false,
    validateStatus: () => true,
    headers: { Authorization: `Bearer ${endpoint.controlToken}` },
  });
  const acknowledged: string[] = [];
  let n = 0;
  const worker = async () => {
    for (;;) {
      const userId = `proc.${n++}`;
      try {
        const res = await http.post("/__sim/users", newUser(userId));
        if (res.status !== 201) return;
        acknowledged.push(userId);
      } catch {
        return; // the simulator went away mid-request: not acknowledged
      }
    }
  };
  const done = Promise.all(Array.from({ length: workers }, worker)).finally(() => agent.destroy());
  return { acknowledged, done };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** Opens the stopped simulator's database: every acknowledged user is there, and the file is intact. */
function expectIntact(dataDir: string, acknowledged: string[]): void {
  const db = Db.open(databaseFile(dataDir), { readOnly: true });
  try {
    expect(db.pragma("integrity_check")).toBe("ok");
    const present = new Set(
      db
        .prepare<[], { user_id: string }>("SELECT user_id FROM users")
        .all()
        .map((row) => row.user_id),
    );
    expect(acknowledged.filter((userId) => !present.has(userId))).toEqual([]);
    expect(present.has("demo.user")).toBe(true);
  } finally {
    db.close();
  }
}

describe("the built-in simulator's process", () => {
  it("starts from source in a Node child process and hands over its address, CA and control token", async () => {
    const dataDir = tempDir("start");
    const simulator = SimulatorProcess.start(sourceSimulatorLauncher(), { dataDir, hashProfile: "fast" });
    expect(simulator.current.kind).toBe("starting");
    const endpoint = await simulator.ready;
    expect(simulator.current).toEqual({ kind: "ready", endpoint });
    expect(endpoint.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(endpoint.caFile).toBe(path.join(dataDir, "ca", "ca-cert.pem"));
    expect(endpoint.caCertPem.trim()).toBe(fs.readFileSync(endpoint.caFile, "utf8").trim());
    const status = await fetchStatus(endpoint);
    expect(status).toMatchObject({ phase: expect.any(String), phasePinned: false });
    await simulator.stop();
    expect(simulator.current.kind).toBe("stopped");
  });

  it("closes cleanly when stopped during writes: every acknowledged write is kept, the file is whole", async () => {
    const dataDir = tempDir("close");
    const simulator = SimulatorProcess.start(sourceSimulatorLauncher(), { dataDir, hashProfile: "fast" });
    const load = registerUntilRefused(await simulator.ready);
    await until(() => load.acknowledged.length >= 30);
    await simulator.stop();
    await load.done;
    expect(simulator.current.kind).toBe("stopped");
    // Closed, not crashed: the WAL was copied into the database file.
    expect(fs.statSync(`${databaseFile(dataDir)}-wal`).size).toBe(0);
    expectIntact(dataDir, load.acknowledged);
  });

  it("keeps every acknowledged write when killed during writes, and says it stopped unexpectedly", async () => {
    const dataDir = tempDir("kill");
    const killable = killableLauncher();
    const simulator = SimulatorProcess.start(killable.launcher, { dataDir, hashProfile: "fast" });
    const load = registerUntilRefused(await simulator.ready);
    await until(() => load.acknowledged.length >= 30);
    const states: string[] = [];
    simulator.onChange((state) => states.push(state.kind === "failed" ? state.reason : state.kind));
    killable.children[0]?.kill("SIGKILL");
    await load.done;
    await until(() => states.length > 0);
    expect(states).toEqual(["The built-in simulator stopped unexpectedly (ended by a signal)."]);
    expectIntact(dataDir, load.acknowledged);

    // A new process on the same data folder serves the same users.
    const again = SimulatorProcess.start(sourceSimulatorLauncher(), { dataDir, hashProfile: "fast" });
    try {
      const endpoint = await again.ready;
      const last = load.acknowledged.at(-1) ?? "";
      const res = await axios.get(`${endpoint.url}/__sim/users/${last}`, {
        httpsAgent: new https.Agent({ ca: endpoint.caCertPem }),
        proxy: false,
        headers: { Authorization: `Bearer ${endpoint.controlToken}` },
      });
      expect(res.status).toBe(200);
    } finally {
      await again.stop();
    }
  });

  it("fails with the simulator's own reason when it cannot start", async () => {
    const dataDir = path.join(tempDir("bad"), "a-file");
    fs.writeFileSync(dataDir, "not a folder");
    const simulator = SimulatorProcess.start(sourceSimulatorLauncher(), { dataDir, hashProfile: "fast" });
    await expect(simulator.ready).rejects.toThrow(
      /^The built-in simulator could not start: .*(EEXIST|ENOTDIR)/,
    );
    await simulator.stop();
    expect(simulator.current.kind).toBe("stopped");
  });

  it("fails when the process ends before it is ready", async () => {
    const script = path.join(tempDir("exit"), "exits.cjs");
    fs.writeFileSync(script, "process.exit(3);\n");
    const simulator = SimulatorProcess.start(forkLauncher(script), {
      dataDir: tempDir("unused"),
      hashProfile: "fast",
    });
    await expect(simulator.ready).rejects.toThrow(
      "The built-in simulator exited before it was ready (exit code 3).",
    );
  });

  it("keeps the simulator's stderr in the log, and a failed start names the log and quotes its last lines", async () => {
    const script = path.join(tempDir("noisy"), "noisy.cjs");
    fs.writeFileSync(
      script,
      "for (let i = 1; i <= 12; i++) console.error(`line ${i} of the simulator`);\n" +
        "console.error(\"Error: EACCES: permission denied, open 'C:\\\\ccms\\\\simulator.db'\");\nprocess.exit(1);\n",
    );
    const log = openAppLog(tempDir("log"));
    const simulator = SimulatorProcess.start(forkLauncher(script), {
      dataDir: tempDir("unused"),
      hashProfile: "fast",
      log,
    });
    const reason = await simulator.ready.then(
      () => "",
      (error: Error) => error.message,
    );
    expect(reason).toMatch(/^The built-in simulator exited before it was ready \(exit code 1\)\. /);
    expect(reason).toContain(`Its output is in the log ${log.file}; its last lines:`);
    expect(reason).toContain("  Error: EACCES: permission denied");
    expect(reason).toContain("  line 12 of the simulator");
    expect(reason).not.toContain("line 4 of the simulator");
    const kept = fs.readFileSync(log.file, "utf8");
    for (let i = 1; i <= 12; i++) expect(kept).toContain(`(simulator) line ${i} of the simulator`);
  });

  it("ends a process that does not stop when asked, after the grace time", async () => {
    const script = path.join(tempDir("deaf"), "deaf.cjs");
    // Answers ready, then ignores every message, as a hung simulator would.
    fs.writeFileSync(
      script,
      `process.on("message", (m) => { if (m.type === "start") process.send({ type: "ready", url: "https://127.0.0.1:1", caFile: "/ca.pem", caCertPem: "pem", controlToken: "t" }); });\n`,
    );
    const simulator = SimulatorProcess.start(forkLauncher(script), {
      dataDir: tempDir("unused"),
      hashProfile: "fast",
    });
    await simulator.ready;
    const started = Date.now();
    await simulator.stop(300);
    expect(simulator.current.kind).toBe("stopped");
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);
  });
});

async function fetchStatus(endpoint: SimulatorEndpoint): Promise<unknown> {
  const res = await axios.get(`${endpoint.url}/sso/api/v1/simulator`, {
    httpsAgent: new https.Agent({ ca: endpoint.caCertPem }),
    proxy: false,
  });
  return res.data;
}
