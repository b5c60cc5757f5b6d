/**
 * A thread of the password-hashing pool (see hash-pool.ts): argon2id in WebAssembly (hash-wasm),
 * one job at a time. WebAssembly runs on the thread that calls it, so the hashing is kept off the
 * thread that serves HTTP, and the pool's threads use every core.
 */
import { parentPort } from "node:worker_threads";
import { argon2id, argon2Verify } from "hash-wasm";
import type { HashJob, HashJobResult } from "./hash-job.js";

async function run(job: HashJob): Promise<HashJobResult> {
  try {
    if (job.kind === "hash") {
      const { memoryCost, timeCost, parallelism } = job.params;
      const encoded = await argon2id({
        password: job.password,
        salt: job.salt,
        memorySize: memoryCost,
        iterations: timeCost,
        parallelism,
        hashLength: 32,
        outputType: "encoded",
      });
      return { id: job.id, ok: true, value: encoded };
    }
    return { id: job.id, ok: true, value: await argon2Verify({ password: job.password, hash: job.encoded }) };
  } catch (error) {
    return { id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on("message", (job: HashJob) => {
  void run(job).then((result) => parentPort?.postMessage(result));
});
