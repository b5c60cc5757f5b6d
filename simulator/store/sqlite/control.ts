import { type Db } from "../sqlite.js";
import { groupCommitOf } from "../group-commit.js";
import { type ControlPatch, type ControlSnapshot, type ControlStore, initialControl } from "../storage.js";
import { controlAfterReset, parseControl } from "../control-json.js";

/**
 * The control state of the one process that uses this database. It lasts as long as that
 * process, as it always has: each start begins at real time, no pin, no faults. It is read from
 * its row each time, not kept in memory, so that a transaction that changed it and was rolled back
 * leaves nothing of the change behind.
 */
export class SqliteControlStore implements ControlStore {
  readonly shared = false;
  private readonly write;
  private readonly read;

  constructor(private readonly db: Db) {
    this.write = db.prepare(
      `INSERT INTO control_state (id, state) VALUES (1, ?)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state`,
    );
    this.read = db.prepare<[], { state: string }>("SELECT state FROM control_state WHERE id = 1");
    this.save(initialControl());
  }

  async load(): Promise<ControlSnapshot> {
    return this.current();
  }

  async update(patch: ControlPatch): Promise<ControlSnapshot> {
    const current = this.current();
    return this.save(parseControl({ ...current, ...patch, revision: current.revision + 1 }));
  }

  async reset(): Promise<ControlSnapshot> {
    return this.save(controlAfterReset(this.current()));
  }

  async claimToken(token: string, force: boolean): Promise<string> {
    const current = this.current();
    if (force || current.controlToken === null) await this.update({ controlToken: token });
    return this.current().controlToken ?? token;
  }

  private current(): ControlSnapshot {
    const row = this.read.get();
    if (row === undefined) throw new Error("the control state row is missing");
    return parseControl(JSON.parse(row.state));
  }

  private save(state: ControlSnapshot): ControlSnapshot {
    groupCommitOf(this.db).open();
    this.write.run(JSON.stringify(state));
    return state;
  }
}
