import { type Db } from "../sqlite.js";
import { groupCommitOf } from "../group-commit.js";
import { type ControlPatch, type ControlSnapshot, type ControlStore, initialControl } from "../storage.js";
import { controlAfterReset, parseControl } from "../control-json.js";

/**
 * The control state of the one process that uses this database. It lasts as long as that
 * process, as it always has: each start begins at real time, no pin, no faults.
 */
export class SqliteControlStore implements ControlStore {
  readonly shared = false;
  private current: ControlSnapshot;
  private readonly write;

  constructor(private readonly db: Db) {
    this.write = db.prepare(
      `INSERT INTO control_state (id, state) VALUES (1, ?)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state`,
    );
    this.current = initialControl();
    this.save();
  }

  async load(): Promise<ControlSnapshot> {
    return this.current;
  }

  async update(patch: ControlPatch): Promise<ControlSnapshot> {
    this.current = parseControl({ ...this.current, ...patch, revision: this.current.revision + 1 });
    this.save();
    return this.current;
  }

  async reset(): Promise<ControlSnapshot> {
    this.current = controlAfterReset(this.current);
    this.save();
    return this.current;
  }

  async claimToken(token: string, force: boolean): Promise<string> {
    if (force || this.current.controlToken === null) await this.update({ controlToken: token });
    return this.current.controlToken ?? token;
  }

  private save(): void {
    groupCommitOf(this.db).open();
    this.write.run(JSON.stringify(this.current));
  }
}
