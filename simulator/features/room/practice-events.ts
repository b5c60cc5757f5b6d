import { type AuditEvent } from "../../../shared/wire/control.js";
import { type RoomStore } from "../../store/storage.js";

/**
 * Each trainee's practice events, kept between reads of the room: a trainee's own events change only
 * when the ID of their latest own event or the number of their own events does (a new event; one that
 * another instance committed after a later one; a start over, which deletes them all), so the events
 * are read again only for those trainees. A room read every second while a few trainees act reads a few
 * trainees' events, not the whole room's.
 */
export class PracticeEvents {
  private readonly seen = new Map<string, { version: string; events: AuditEvent[] }>();

  constructor(
    private readonly store: RoomStore,
    private readonly kinds: readonly string[],
  ) {}

  /** The events of each trainee (normalized ID, latest own event and count of their own events), oldest first. */
  async of(
    trainees: ReadonlyArray<{ userKey: string; lastId: number; ownEvents: number }>,
  ): Promise<Map<string, AuditEvent[]>> {
    const version = (t: { lastId: number; ownEvents: number }) => `${t.lastId}/${t.ownEvents}`;
    const stale = trainees.filter((t) => this.seen.get(t.userKey)?.version !== version(t));
    const fresh = new Map<string, AuditEvent[]>(stale.map((t) => [t.userKey, []]));
    if (stale.length > 0) {
      for (const event of await this.store.eventsOf([...fresh.keys()], this.kinds)) {
        fresh.get(event.userId ?? "")?.push(event);
      }
    }
    const byUser = new Map<string, AuditEvent[]>();
    for (const trainee of trainees) {
      const events = fresh.get(trainee.userKey) ?? this.seen.get(trainee.userKey)?.events ?? [];
      byUser.set(trainee.userKey, events);
    }
    // Only the room's trainees are kept.
    this.seen.clear();
    for (const trainee of trainees) {
      this.seen.set(trainee.userKey, {
        version: version(trainee),
        events: byUser.get(trainee.userKey) ?? [],
      });
    }
    return byUser;
  }
}
