import { type AuditEvent } from "../../../shared/wire/control.js";
import { type Db } from "../sqlite.js";
import { type GroupCommit, groupCommitOf } from "../group-commit.js";
import { forgetTraineeSql, roomTraineeFromRow, type RoomTraineeRow, roomTraineesSql } from "../room-sql.js";
import { type AuditTableRow, auditEventFromRow } from "../rows.js";
import { type RoomStore, type RoomTraineeRecord } from "../room-store.js";

/** The trainer's view of the room, read from the one process's SQLite file. */
export class SqliteRoomStore implements RoomStore {
  private readonly traineesStmt;
  private readonly eventsStmt;
  private readonly lastStmt;
  private readonly kindsStmt;
  private readonly forgets;
  private readonly writes: GroupCommit;

  constructor(private readonly db: Db) {
    this.writes = groupCommitOf(db);
    this.traineesStmt = db.prepare<[number, number, number], RoomTraineeRow>(roomTraineesSql((n) => `?${n}`));
    this.eventsStmt = db.prepare<[string, string], AuditTableRow>(
      `SELECT * FROM audit
       WHERE user_id IN (SELECT value FROM json_each(?1)) AND event IN (SELECT value FROM json_each(?2))
       ORDER BY id`,
    );
    this.lastStmt = db.prepare<[string], AuditTableRow>(
      "SELECT * FROM audit WHERE event = ? ORDER BY id DESC LIMIT 1",
    );
    this.kindsStmt = db.prepare<[string, number], AuditTableRow>(
      `SELECT * FROM (SELECT * FROM audit WHERE event IN (SELECT value FROM json_each(?1)) ORDER BY id DESC LIMIT ?2)
       ORDER BY id`,
    );
    this.forgets = forgetTraineeSql((n) => `?${n}`).map((sql) => db.prepare<[string]>(sql));
  }

  async trainees(sinceId: number, now: number, idleMs: number): Promise<RoomTraineeRecord[]> {
    return this.traineesStmt.all(sinceId, now, idleMs).map(roomTraineeFromRow);
  }

  async lastOf(kind: string): Promise<AuditEvent | null> {
    const row = this.lastStmt.get(kind);
    return row === undefined ? null : auditEventFromRow(row);
  }

  async eventsOfKinds(kinds: readonly string[], limit: number): Promise<AuditEvent[]> {
    return this.kindsStmt.all(JSON.stringify(kinds), limit).map(auditEventFromRow);
  }

  async eventsOf(userKeys: readonly string[], kinds: readonly string[]): Promise<AuditEvent[]> {
    if (userKeys.length === 0 || kinds.length === 0) return [];
    return this.eventsStmt.all(JSON.stringify(userKeys), JSON.stringify(kinds)).map(auditEventFromRow);
  }

  async forget(userKey: string): Promise<void> {
    this.writes.open();
    this.db.transaction(() => {
      for (const statement of this.forgets) statement.run(userKey);
    });
  }
}
