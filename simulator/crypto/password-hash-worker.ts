/**
 * A thread of the password-hashing pool (see hash-pool.ts): argon2id in WebAssembly, one job at a
 * time. WebAssembly runs on the thread that calls it, so the hashing is kept off the thread that
 * serves HTTP, and the pool's threads use every core.
 */
import { parentPort } from "node:worker_threads";
import Argon2, { Argon2Type, Argon2Version } from "@phi-ag/argon2";
import { argon2WasmBytes } from "./argon2-wasm.js";
import type { HashJob, HashJobResult } from "./hash-job.js";

type Instance = ConstructorParameters<typeof Argon2>[0];
/** WebAssembly's JavaScript API, which Node has; the project's type libraries leave its values out. */
const wasm = (
  globalThis as unknown as {
    WebAssembly: { Module: new (bytes: Uint8Array) => object; Instance: new (module: object) => Instance };
  }
).WebAssembly;

const argon2 = new Argon2(new wasm.Instance(new wasm.Module(argon2WasmBytes())));

function run(job: HashJob): HashJobResult {
  try {
    if (job.kind === "hash") {
      const { memoryCost, timeCost, parallelism } = job.params;
      const { encoded } = argon2.hash(job.password, {
        salt: job.salt,
        memoryCost,
        timeCost,
        parallelism,
        hashLength: 32,
        type: Argon2Type.Argon2id,
        version: Argon2Version.Version13,
      });
      return { id: job.id, ok: true, value: encoded };
    }
    // The type and the parameters come from the stored string; anything unreadable is a mismatch.
    return { id: job.id, ok: true, value: argon2.tryVerify(job.encoded, job.password).success };
  } catch (error) {
    return { id: job.id, ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on("message", (job: HashJob) => parentPort?.postMessage(run(job)));
