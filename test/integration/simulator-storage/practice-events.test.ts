import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PracticeEvents } from "../../../simulator/features/room/practice-events.js";
import { openStorage } from "../../../simulator/store/open-storage.js";
import { type AuditRow, type RoomStore, type Storage } from "../../../simulator/store/storage.js";

let dir: string;
let storage: Storage;
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-practice-events-"));
  storage = await openStorage(dir, undefined);
});
afterAll(async () => {
  await storage.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const line = (userId: string, event: string, at: number): AuditRow => ({
  at,
  realAt: at,
  userId,
  event,
  method: "otp",
  outcome: "success",
  clientAddress: null,
  detail: null,
});
const committed = () => new Promise((resolve) => storage.commits.afterCommit(resolve));

describe("a trainee's practice events between reads of the room", () => {
  it("are read again only for the trainees whose own events changed, and are the same as read afresh", async () => {
    const asked: string[][] = [];
    // The real store, noting whom each read asks for.
    const store: RoomStore = {
      trainees: (...args) => storage.room.trainees(...args),
      lastOf: (kind) => storage.room.lastOf(kind),
      eventsOfKinds: (kinds, limit) => storage.room.eventsOfKinds(kinds, limit),
      forget: (userKey) => storage.room.forget(userKey),
      eventsOf: (keys, kinds) => {
        asked.push([...keys]);
        return storage.room.eventsOf(keys, kinds);
      },
    };
    const kinds = ["authn.password", "authn.success"];
    const events = new PracticeEvents(store, kinds);
    for (const user of ["ann", "bob"]) storage.audit.append(line(user, "authn.password", 1));
    await committed();
    // Each trainee's latest own event and count, as the room's statement gives them (from the audit log here).
    const trainees = async () =>
      (await storage.audit.list({}, 100)).reduce((map, e) => {
        const key = e.userId ?? "";
        const prev = map.get(key);
        map.set(key, {
          userKey: key,
          lastId: Math.max(prev?.lastId ?? 0, e.id),
          ownEvents: (prev?.ownEvents ?? 0) + 1,
        });
        return map;
      }, new Map<string, { userKey: string; lastId: number; ownEvents: number }>());
    const first = await events.of([...(await trainees()).values()]);
    expect([...first.keys()].sort()).toEqual(["ann", "bob"]);
    expect(asked).toEqual([["ann", "bob"]]);
    await events.of([...(await trainees()).values()]);
    expect(asked).toHaveLength(1);
    storage.audit.append(line("bob", "authn.success", 2));
    await committed();
    const third = await events.of([...(await trainees()).values()]);
    expect(asked.at(-1)).toEqual(["bob"]);
    expect(third.get("bob")?.map((e) => e.event)).toEqual(["authn.password", "authn.success"]);
    expect(third.get("ann")?.map((e) => e.event)).toEqual(["authn.password"]);
    // The same as read afresh.
    const fresh = await new PracticeEvents(storage.room, kinds).of([...(await trainees()).values()]);
    expect(fresh).toEqual(third);
  });
});
