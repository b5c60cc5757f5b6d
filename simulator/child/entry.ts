/**
 * The built-in simulator as a process of its own, started by the app (an
 * Electron utility process, or a Node child process in the browser shell), so
 * its HTTPS server, SQLite and password hashing never run on the thread that
 * drives the windows. It waits for `start`, answers `ready` with what the app
 * needs to reach it (or `failed`), and on `stop`, SIGTERM, SIGINT or the
 * parent going away it closes the server and the database (committing the
 * last group of writes), then exits.
 */
import path from "node:path";
import { configureHashPool } from "../crypto/hash-pool.js";
import { type RunningSimulator, startSimulator } from "../index.js";
import { type FromSimulator, toSimulatorSchema } from "./messages.js";
import { parentChannel } from "./parent-channel.js";

const channel = parentChannel();
if (channel === null) {
  process.stderr.write("The built-in simulator's process must be started by the app.\n");
  process.exit(64);
}

// One person signs in to the built-in simulator at a time: one hashing thread, ended when idle.
configureHashPool({ threads: 1, idleMs: 0 });

let running: Promise<RunningSimulator | null> | null = null;
let stopping = false;

const send = (message: FromSimulator) => channel.send(message);

const stop = async () => {
  if (stopping) return;
  stopping = true;
  let code = 0;
  try {
    await (await running)?.close();
  } catch (error) {
    process.stderr.write(`The built-in simulator did not close cleanly: ${(error as Error).message}\n`);
    code = 1;
  }
  process.exit(code);
};

channel.onMessage((raw) => {
  const parsed = toSimulatorSchema.safeParse(raw);
  if (!parsed.success) {
    process.stderr.write("The built-in simulator ignored a message it does not know.\n");
    return;
  }
  const message = parsed.data;
  if (message.type === "stop") {
    void stop();
    return;
  }
  if (running !== null || stopping) return;
  running = startSimulator({
    dataDir: path.resolve(message.dataDir),
    host: "127.0.0.1",
    port: 0,
    hashProfile: message.hashProfile,
    quiet: true,
  }).then(
    (simulator) => {
      send({
        type: "ready",
        url: simulator.url,
        caFile: simulator.caFile,
        caCertPem: simulator.caCertPem,
        controlToken: simulator.controlToken,
      });
      return simulator;
    },
    (error: unknown) => {
      send({ type: "failed", message: error instanceof Error ? error.message : String(error) });
      return null;
    },
  );
});
channel.onParentGone(() => void stop());
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
