import { parseControl } from "../control-json.js";
import { type ControlPatch, type ControlSnapshot, type ControlStore, initialControl } from "../storage.js";
import { type PgQueryable, statement } from "./pg-db.js";

const seed = statement(
  "control-seed",
  "INSERT INTO control_state (id, state) VALUES (1, $1::jsonb) ON CONFLICT (id) DO NOTHING",
);
const load = statement("control-load", "SELECT state FROM control_state WHERE id = 1");
// Each change merges its fields and counts a revision, atomically, whichever instance makes it.
const update = statement(
  "control-update",
  `UPDATE control_state
   SET state = state || $1::jsonb || jsonb_build_object('revision', (state->>'revision')::bigint + 1)
   WHERE id = 1 RETURNING state`,
);
const reset = statement(
  "control-reset",
  `UPDATE control_state
   SET state = $1::jsonb || jsonb_build_object(
     'scenario', state->'scenario',
     'controlToken', state->'controlToken',
     'generation', (state->>'generation')::bigint + 1,
     'revision', (state->>'revision')::bigint + 1)
   WHERE id = 1 RETURNING state`,
);
const claimToken = statement(
  "control-token",
  `UPDATE control_state
   SET state = state || jsonb_build_object('controlToken', $1::text, 'revision', (state->>'revision')::bigint + 1)
   WHERE id = 1 AND ($2 OR state->'controlToken' = 'null'::jsonb) RETURNING state`,
);

/**
 * The control state of every instance on the database, one row of JSON. It outlives any one
 * instance: an instance that starts (or restarts) joins the room's clock, pin and faults. On a
 * transaction's connection its changes are the transaction's.
 */
export class PostgresControlStore implements ControlStore {
  readonly shared = true;

  constructor(private readonly db: PgQueryable) {}

  async seed(): Promise<void> {
    await this.db.count(seed, [JSON.stringify(initialControl())]);
  }

  async load(): Promise<ControlSnapshot> {
    return this.one(await this.db.rows<{ state: unknown }>(load));
  }

  async update(patch: ControlPatch): Promise<ControlSnapshot> {
    return this.one(await this.db.rows<{ state: unknown }>(update, [JSON.stringify(patch)]));
  }

  async reset(): Promise<ControlSnapshot> {
    const { clockOffsetMs, pinnedPhase, faults, moment, situation } = initialControl();
    const cleared = { clockOffsetMs, pinnedPhase, faults, moment, situation };
    return this.one(await this.db.rows<{ state: unknown }>(reset, [JSON.stringify(cleared)]));
  }

  async claimToken(token: string, force: boolean): Promise<string> {
    await this.db.rows(claimToken, [token, force]);
    return (await this.load()).controlToken ?? token;
  }

  private one(rows: Array<{ state: unknown }>): ControlSnapshot {
    const [row] = rows;
    if (row === undefined) throw new Error("the control state row is missing");
    return parseControl(row.state);
  }
}
