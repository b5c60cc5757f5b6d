import fs from "node:fs";
import { createRequire } from "node:module";

/**
 * The bytes of argon2's WebAssembly module (@phi-ag/argon2: the Argon2 authors' reference code,
 * compiled with WebAssembly SIMD), read from the package. The bundles carry them inline instead
 * (build/inline-argon2-wasm.mjs), since an installed app has no devDependencies to read.
 */
export function argon2WasmBytes(): Uint8Array {
  return fs.readFileSync(createRequire(import.meta.url).resolve("@phi-ag/argon2/argon2.wasm"));
}
