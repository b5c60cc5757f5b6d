/** argon2id's cost parameters, as a PHC string records them (m in KiB, t iterations, p lanes). */
export interface Argon2Params {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** What the pool's threads are asked to do (structured-cloned across the thread boundary). */
export type HashJob =
  | { id: number; kind: "hash"; password: string; salt: Uint8Array; params: Argon2Params }
  | { id: number; kind: "verify"; password: string; encoded: string };

export type HashJobResult =
  { id: number; ok: true; value: string | boolean } | { id: number; ok: false; message: string };
