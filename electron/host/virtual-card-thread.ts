import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { CardFile } from "../../simulator/smartcard/card-file.js";
import type { VirtualCardData, VirtualCardMessage } from "../../simulator/smartcard/virtual-card-worker.js";

/** A card in the virtual reader, served from its own thread. */
export interface VirtualCard {
  /** Takes the card out (the reader sees it removed) and ends the thread. */
  remove(): Promise<void>;
  /** Settles when the card is out, whoever took it out. */
  readonly closed: Promise<void>;
}

/**
 * The worker's bundle (built by build/bundle-electron.mjs): beside the desktop app's main bundle, or
 * the desktop app's from the browser shell's bundle in dist-qa/. From the sources, the source itself,
 * compiled as it loads.
 */
const workerBundles = ["./virtual-card-worker.cjs", "../dist-electron/virtual-card-worker.cjs"];

function startWorker(data: VirtualCardData): Worker {
  const bundled = workerBundles
    .map((relative) => new URL(relative, import.meta.url))
    .find((url) => existsSync(fileURLToPath(url)));
  if (bundled) return new Worker(bundled, { workerData: data });
  // From source (the browser shell, tests): tsx compiles the worker's TypeScript as it is required.
  const source = fileURLToPath(new URL("../../simulator/smartcard/virtual-card-worker.ts", import.meta.url));
  const tsx = createRequire(import.meta.url).resolve("tsx/cjs/api");
  const code = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)});`;
  return new Worker(code, { eval: true, workerData: data });
}

/** Serves `card` to the vsmartcard reader (vpcd) from a worker thread; rejects when vpcd is not there. */
export function insertVirtualCardThread(
  card: CardFile,
  options: { host?: string; port?: number } = {},
): Promise<VirtualCard> {
  const worker = startWorker({ card, ...options });
  const closed = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  return new Promise((resolve, reject) => {
    const fail = (why: string) => {
      void worker.terminate();
      reject(new Error(why));
    };
    worker.once("error", (error) => fail(error.message));
    worker.once("exit", () => fail("the card's thread ended"));
    worker.once("message", (message: VirtualCardMessage) => {
      if (message.type !== "inserted") return fail(message.type === "failed" ? message.message : "removed");
      resolve({
        closed,
        remove: async () => {
          worker.postMessage("remove");
          const ended = await Promise.race([
            closed.then(() => true),
            new Promise<boolean>((done) => setTimeout(() => done(false), 2_000).unref()),
          ]);
          if (!ended) await worker.terminate();
        },
      });
    });
  });
}
