import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { HashJob, HashJobResult } from "./hash-job.js";

/** A job without its id: the pool numbers them. */
type Job = HashJob extends infer J ? (J extends HashJob ? Omit<J, "id"> : never) : never;

interface Pending {
  job: HashJob;
  resolve(value: string | boolean): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  current: Pending | null;
  /** Ends the thread once it has been idle for the pool's idle time. */
  idleTimer: NodeJS.Timeout | null;
}

/**
 * The thread's code: beside the bundle (dist-electron/, dist-qa/: built by build/bundle-*.mjs),
 * else the TypeScript source, compiled by tsx as it loads.
 */
function startWorker(): Worker {
  const bundled = new URL("./password-hash-worker.cjs", import.meta.url);
  if (existsSync(fileURLToPath(bundled))) return new Worker(bundled);
  const source = fileURLToPath(new URL("./password-hash-worker.ts", import.meta.url));
  const tsx = createRequire(import.meta.url).resolve("tsx/cjs/api");
  const code = `require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)});`;
  return new Worker(code, { eval: true });
}

/**
 * A few threads that hash passwords, one job each at a time; jobs wait in order for a free
 * thread. Threads start on demand, and hold the process open only while they work.
 */
export class HashPool {
  private readonly threads: Thread[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 1;

  /**
   * `idleMs`: a thread idle this long ends, giving back its heap and argon2id's memory (the next job
   * starts a new one); without it threads live as long as the pool.
   */
  constructor(
    readonly size: number,
    private readonly idleMs?: number,
  ) {}

  run(job: Job): Promise<string | boolean> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { ...job, id: this.nextId++ } as HashJob, resolve, reject });
      this.dispatch();
    });
  }

  /** Ends every thread; a job in flight fails. */
  async close(): Promise<void> {
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((thread) => thread.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const thread = this.threads.find((t) => t.current === null) ?? this.spawn();
      if (!thread) return;
      const pending = this.queue.shift() as Pending;
      if (thread.idleTimer) clearTimeout(thread.idleTimer);
      thread.idleTimer = null;
      thread.current = pending;
      thread.worker.ref();
      thread.worker.postMessage(pending.job);
    }
  }

  /** Ends an idle thread: out of the pool first, so no job can be handed to it while it ends. */
  private retire(thread: Thread): void {
    if (thread.current !== null) return;
    const index = this.threads.indexOf(thread);
    if (index >= 0) this.threads.splice(index, 1);
    void thread.worker.terminate();
  }

  private spawn(): Thread | undefined {
    if (this.threads.length >= this.size) return undefined;
    const thread: Thread = { worker: startWorker(), current: null, idleTimer: null };
    thread.worker.unref();
    thread.worker.on("message", (result: HashJobResult) => {
      const pending = thread.current;
      if (!pending || pending.job.id !== result.id) return;
      thread.current = null;
      thread.worker.unref();
      if (result.ok) pending.resolve(result.value);
      else pending.reject(new Error(result.message));
      this.dispatch();
      if (thread.current === null && this.idleMs !== undefined) {
        thread.idleTimer = setTimeout(() => this.retire(thread), this.idleMs).unref();
      }
    });
    const lost = (why: string) => {
      if (thread.idleTimer) clearTimeout(thread.idleTimer);
      const index = this.threads.indexOf(thread);
      if (index >= 0) this.threads.splice(index, 1);
      thread.current?.reject(new Error(`The password-hashing thread ${why}.`));
      thread.current = null;
      this.dispatch();
    };
    thread.worker.on("error", (error) => lost(`failed: ${error.message}`));
    thread.worker.on("exit", (code) => lost(`ended (exit code ${code})`));
    this.threads.push(thread);
    return thread;
  }
}

let shared: HashPool | undefined;
let wanted: { threads: number; idleMs?: number } | undefined;

/**
 * The process's pool as it should be, set before its first hash. The built-in simulator serves one
 * person at a time: one thread, ended as soon as it is idle, since each thread holds a V8 heap of its
 * own and argon2id's memory cost (WebAssembly memory never shrinks while its thread lives).
 */
export function configureHashPool(options: { threads: number; idleMs?: number }): void {
  if (shared !== undefined) throw new Error("the hashing pool has already started");
  wanted = { ...options, threads: Math.max(1, Math.floor(options.threads)) };
}

/** The process's pool: one thread per core, at most four (each argon2id job holds its memory cost). */
export function sharedHashPool(): HashPool {
  shared ??= wanted
    ? new HashPool(wanted.threads, wanted.idleMs)
    : new HashPool(Math.max(1, Math.min(os.availableParallelism(), 4)));
  return shared;
}
