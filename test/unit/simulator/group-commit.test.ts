import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Fastify from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { commitBeforeAnswer } from "../../../simulator/http/commit-before-answer.js";
import { installErrorHandling } from "../../../simulator/http/error-handler.js";
import { closeDatabase, databaseFile, Db, openDatabase } from "../../../simulator/store/database.js";
import { groupCommitOf } from "../../../simulator/store/group-commit.js";

let dir: string;
let db: Db;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-group-commit-"));
  db = openDatabase(dir);
  // A deferred foreign key fails at COMMIT: a real way to make a commit fail.
  db.exec(`CREATE TABLE parent (id INTEGER PRIMARY KEY);
    CREATE TABLE child (parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)`);
});

afterEach(() => {
  if (db.open) db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function otherConnectionCount(table: string): number {
  const other = Db.open(databaseFile(dir), { readOnly: true });
  try {
    return other.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()?.n ?? -1;
  } finally {
    other.close();
  }
}

function afterCommit(): Promise<Error | null> {
  return new Promise((resolve) => groupCommitOf(db).afterCommit(resolve));
}

describe("group commit", () => {
  it("commits the writes of a group before it calls back, all in one transaction", async () => {
    const commits = groupCommitOf(db);
    const insert = db.prepare("INSERT INTO parent (id) VALUES (?)");
    for (const id of [1, 2, 3]) {
      commits.open();
      insert.run(id);
    }
    expect(db.inTransaction).toBe(true);
    expect(otherConnectionCount("parent")).toBe(0);
    expect(await afterCommit()).toBeNull();
    expect(db.inTransaction).toBe(false);
    expect(otherConnectionCount("parent")).toBe(3);
  });

  it("commits writes made outside any request on the next turn of the event loop", async () => {
    groupCommitOf(db).open();
    db.prepare("INSERT INTO parent (id) VALUES (1)").run();
    await new Promise((resolve) => setImmediate(resolve));
    expect(db.inTransaction).toBe(false);
    expect(otherConnectionCount("parent")).toBe(1);
  });

  it("calls back at once when no group is open", () => {
    let settled: Error | null | undefined;
    groupCommitOf(db).afterCommit((error) => (settled = error));
    expect(settled).toBeNull();
  });

  it("reports a group whose commit failed as lost, and keeps none of it", async () => {
    const commits = groupCommitOf(db);
    const before = commits.group;
    commits.open();
    db.prepare("INSERT INTO parent (id) VALUES (1)").run();
    db.prepare("INSERT INTO child (parent_id) VALUES (99)").run();
    const error = await afterCommit();
    expect(error?.message).toMatch(/FOREIGN KEY/i);
    expect(commits.lostSince(before + 1)?.message).toMatch(/FOREIGN KEY/i);
    expect(db.inTransaction).toBe(false);
    expect(otherConnectionCount("parent")).toBe(0);
    // The next group is not held back by the lost one.
    commits.open();
    db.prepare("INSERT INTO parent (id) VALUES (2)").run();
    expect(await afterCommit()).toBeNull();
    expect(otherConnectionCount("parent")).toBe(1);
    expect(commits.lostSince(commits.group)).toBeNull();
  });

  it("notices a group SQLite rolled back on its own", async () => {
    const commits = groupCommitOf(db);
    commits.open();
    db.prepare("INSERT INTO parent (id) VALUES (1)").run();
    db.exec("ROLLBACK"); // what SQLite does itself after an I/O error or a full disk
    expect(await afterCommit()).not.toBeNull();
    expect(commits.lostSince(commits.group)?.message).toMatch(/rolled back/);
  });

  it("nests a transaction of the store's own in the open group, as a savepoint", async () => {
    const commits = groupCommitOf(db);
    commits.open();
    db.transaction(() => {
      commits.open();
      db.prepare("INSERT INTO parent (id) VALUES (1)").run();
      db.prepare("INSERT INTO parent (id) VALUES (2)").run();
    });
    expect(otherConnectionCount("parent")).toBe(0);
    expect(await afterCommit()).toBeNull();
    expect(otherConnectionCount("parent")).toBe(2);
  });

  it("undoes only the writes of a nested transaction that throws; the group goes on", async () => {
    const commits = groupCommitOf(db);
    commits.open();
    db.prepare("INSERT INTO parent (id) VALUES (1)").run();
    expect(() =>
      db.transaction(() => {
        db.prepare("INSERT INTO parent (id) VALUES (2)").run();
        throw new Error("refused half-way");
      }),
    ).toThrow("refused half-way");
    expect(db.inTransaction).toBe(true);
    expect(await afterCommit()).toBeNull();
    expect(otherConnectionCount("parent")).toBe(1);
  });

  it("commits a transaction of its own at once when no group is open, and rolls it back on a throw", () => {
    db.transaction(() => db.prepare("INSERT INTO parent (id) VALUES (1)").run());
    expect(db.inTransaction).toBe(false);
    expect(otherConnectionCount("parent")).toBe(1);
    expect(() =>
      db.transaction(() => {
        db.prepare("INSERT INTO parent (id) VALUES (2)").run();
        throw new Error("refused");
      }),
    ).toThrow("refused");
    expect(db.inTransaction).toBe(false);
    expect(otherConnectionCount("parent")).toBe(1);
  });

  it("commits the open group when the database is closed", () => {
    groupCommitOf(db).open();
    db.prepare("INSERT INTO parent (id) VALUES (1)").run();
    closeDatabase(db);
    expect(otherConnectionCount("parent")).toBe(1);
  });
});

describe("commit before answer", () => {
  async function appWith(route: () => unknown) {
    const app = Fastify();
    commitBeforeAnswer(app, groupCommitOf(db));
    installErrorHandling(app, () => Date.now());
    app.post("/write", async () => route());
    await app.ready();
    return app;
  }

  it("sends an answer only once the writes behind it are committed", async () => {
    const insert = db.prepare("INSERT INTO parent (id) VALUES (?)");
    const app = await appWith(() => {
      groupCommitOf(db).open();
      insert.run(7);
      return { ok: true };
    });
    const res = await app.inject({ method: "POST", url: "/write", payload: {} });
    expect(res.statusCode).toBe(200);
    expect(otherConnectionCount("parent")).toBe(1);
    await app.close();
  });

  it("turns the answer into a 500 when its writes could not be committed", async () => {
    const app = await appWith(() => {
      groupCommitOf(db).open();
      db.prepare("INSERT INTO child (parent_id) VALUES (99)").run();
      return { ok: true };
    });
    const res = await app.inject({ method: "POST", url: "/write", payload: {} });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      error: { code: "INTERNAL", message: "Something went wrong inside the simulator." },
    });
    expect(otherConnectionCount("child")).toBe(0);
    await app.close();
  });
});
