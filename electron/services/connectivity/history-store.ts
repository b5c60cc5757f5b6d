import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { checkRunSchema, type CheckRun } from "../../../shared/contract/connectivity.js";

const FILE_PATTERN = /^[A-Za-z0-9-]{1,64}\.json$/;

/**
 * Past runs, one JSON file each in a folder of the app's data dir. Files are
 * written to a temporary name and renamed, so a crash never leaves half a
 * run; a file that cannot be read is skipped with a warning.
 */
export class CheckHistoryStore {
  constructor(
    private readonly dir: string,
    private readonly warn: (message: string) => void = () => {},
    private readonly keep = 200,
  ) {}

  save(run: CheckRun): void {
    fs.mkdirSync(this.dir, { recursive: true });
    const file = this.fileOf(run.runId);
    const temp = `${file}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      fs.writeFileSync(temp, `${JSON.stringify(run, null, 2)}\n`, { mode: 0o600 });
      fs.renameSync(temp, file);
    } catch (error) {
      fs.rmSync(temp, { force: true });
      throw error;
    }
    this.prune();
  }

  /** Stored runs, newest first. */
  list(): CheckRun[] {
    return this.names()
      .map((name) => this.read(name))
      .filter((run): run is CheckRun => run !== null)
      .sort((a, b) => b.result.startedAt.localeCompare(a.result.startedAt));
  }

  get(runId: string): CheckRun | null {
    if (!FILE_PATTERN.test(`${runId}.json`)) return null;
    return fs.existsSync(this.fileOf(runId)) ? this.read(`${runId}.json`) : null;
  }

  private names(): string[] {
    try {
      return fs.readdirSync(this.dir).filter((name) => FILE_PATTERN.test(name));
    } catch {
      return [];
    }
  }

  private read(name: string): CheckRun | null {
    try {
      const parsed = checkRunSchema.safeParse(JSON.parse(fs.readFileSync(path.join(this.dir, name), "utf8")));
      if (parsed.success) return parsed.data;
      this.warn(`Skipping ${name} in the check history: it is not a stored run.`);
    } catch (error) {
      this.warn(
        `Skipping ${name} in the check history: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return null;
  }

  private prune(): void {
    const names = this.names().sort();
    for (const name of names.slice(0, Math.max(0, names.length - this.keep))) {
      fs.rmSync(path.join(this.dir, name), { force: true });
    }
  }

  private fileOf(runId: string): string {
    return path.join(this.dir, `${runId}.json`);
  }
}

/** Ids sort in time order: 20261122T031526123Z-1a2b3c4d. */
export function newRunId(now: Date): string {
  return `${now.toISOString().replace(/[-:.]/g, "")}-${randomBytes(4).toString("hex")}`;
}
