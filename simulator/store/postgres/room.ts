import { type AuditEvent } from "../../../shared/wire/control.js";
import { forgetTraineeSql, roomTraineeFromRow, type RoomTraineeRow, roomTraineesSql } from "../room-sql.js";
import { type AuditTableRow, auditEventFromRow } from "../rows.js";
import { type RoomStore, type RoomTraineeRecord } from "../room-store.js";
import { type PgQueryable, statement } from "./pg-db.js";

const trainees = statement(
  "room-trainees",
  roomTraineesSql((n) => `$${n}::bigint`),
);
const events = statement(
  "room-events",
  "SELECT * FROM audit WHERE user_id = ANY($1::text[]) AND event = ANY($2::text[]) ORDER BY id",
);
const last = statement("room-last", "SELECT * FROM audit WHERE event = $1 ORDER BY id DESC LIMIT 1");
const ofKinds = statement(
  "room-kinds",
  `SELECT * FROM (SELECT * FROM audit WHERE event = ANY($1::text[]) ORDER BY id DESC LIMIT $2) AS newest
   ORDER BY id`,
);
const forgets = forgetTraineeSql(() => "$1::text").map((text, i) => statement(`room-forget-${i}`, text));

/** The trainer's view of the room on the shared database: every instance's sign-ins, as one room. */
export class PostgresRoomStore implements RoomStore {
  /** `drain` waits for the audit lines written behind, so a start over forgets those too. */
  constructor(
    private readonly db: PgQueryable,
    private readonly drain: () => Promise<unknown>,
  ) {}

  async trainees(sinceId: number, now: number, idleMs: number): Promise<RoomTraineeRecord[]> {
    return (await this.db.rows<RoomTraineeRow>(trainees, [sinceId, now, idleMs])).map(roomTraineeFromRow);
  }

  async lastOf(kind: string): Promise<AuditEvent | null> {
    const [row] = await this.db.rows<AuditTableRow>(last, [kind]);
    return row === undefined ? null : auditEventFromRow(row);
  }

  async eventsOfKinds(kinds: readonly string[], limit: number): Promise<AuditEvent[]> {
    return (await this.db.rows<AuditTableRow>(ofKinds, [kinds, limit])).map(auditEventFromRow);
  }

  async eventsOf(userKeys: readonly string[], kinds: readonly string[]): Promise<AuditEvent[]> {
    if (userKeys.length === 0 || kinds.length === 0) return [];
    return (await this.db.rows<AuditTableRow>(events, [userKeys, kinds])).map(auditEventFromRow);
  }

  async forget(userKey: string): Promise<void> {
    await this.drain();
    await this.db.transaction(async (tx) => {
      for (const query of forgets) await tx.count(query, [userKey]);
    });
  }
}
