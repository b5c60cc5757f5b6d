import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailboxResponseSchema } from "../../../shared/wire/control.js";
import { daEmailApplicationsResponseSchema } from "../../../shared/wire/da-email.js";
import { roomSchema } from "../../../shared/wire/room.js";
import { type RunningSimulator, startSimulator } from "../../../simulator/index.js";
import { answerAt } from "../../support/authn-answers.js";
import { type PgCluster, postgresUnavailable, startPostgres } from "../../support/postgres-cluster.js";
import { skipWhen } from "../../support/skip-when.js";
import { type SimClient, simClient } from "../../support/sim-client.js";

/**
 * A training room: three simulator instances on one PostgreSQL database. Trainees sign in through
 * two of them; the trainer's view of the room, read from the third, shows them at once, and the
 * trainer's action through one instance holds on the others.
 */
const missing = postgresUnavailable();
if (missing !== null) console.log(`room tests of several instances skipped: ${missing}`);

const token = "room-view-control-token";
const password = "Room#Pass2023x";
const authn = "/sso/api/v1/authn";
let cluster: PgCluster | undefined;
const sims: RunningSimulator[] = [];
const clients: SimClient[] = [];
const dirs: string[] = [];

beforeAll(async () => {
  if (missing !== null) return;
  cluster = await startPostgres();
  const url = await cluster.createDatabase("room_view");
  sims.push(
    ...(await Promise.all(
      [0, 1, 2].map((i) => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ccms-room-view-${i}-`));
        dirs.push(dir);
        return startSimulator({ dataDir: dir, hashProfile: "fast", controlToken: token, database: { url } });
      }),
    )),
  );
  clients.push(...sims.map((sim) => simClient(sim.url, sim.caFile, token)));
  // Launch day: everyone with an email gets 2FA; card holders created before launch choose.
  const moment = await at(0).control.put("/__sim/rehearsal/moment", { preset: "launch-day" });
  expect(moment.status).toBe(200);
  // A start over marks the room's beginning (and brings back the seeded users only).
  expect((await at(0).control.post("/__sim/rehearsal/start-over")).status).toBe(200);
  for (const [userId, role] of [
    ["room.one", "user"],
    ["room.two", "user"],
    ["room.da", "da"],
    ["room.da2", "da"],
  ] as const) {
    const created = await at(1).control.post("/__sim/users", {
      userId,
      password,
      ...(userId === "room.da2" ? {} : { email: `${userId}@cp077.example.com` }),
      role,
      participant: "CP077",
      clearingHouse: "HKCC",
    });
    expect(created.status).toBe(201);
  }
}, 90_000);

afterAll(async () => {
  for (const client of clients) client.close();
  await Promise.all(sims.map((sim) => sim.close()));
  cluster?.remove();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

function at(i: number): SimClient {
  const client = clients[i];
  if (client === undefined) throw new Error("no instance");
  return client;
}

async function roomAt(i: number) {
  const res = await at(i).control.get("/__sim/room");
  expect(res.status).toBe(200);
  return roomSchema.parse(res.data);
}

async function latestOtp(i: number, userId: string): Promise<string> {
  const res = await at(i).control.get("/__sim/mailbox", { params: { userId } });
  const otp = mailboxResponseSchema.parse(res.data).messages.at(-1)?.otp;
  if (!otp) throw new Error(`no code mailed to ${userId}`);
  return otp;
}

/** A sign-in begun on instance `first` and finished on instance `second`. */
async function signIn(userId: string, first: number, second: number): Promise<string> {
  const begun = answerAt((await at(first).http.post(authn, { userId, password })).data, "OTP_REQUIRED");
  const done = answerAt(
    (
      await at(second).http.post(`${authn}/otp/verify`, {
        stateToken: begun.stateToken,
        otp: await latestOtp(second, userId),
      })
    ).data,
    "SUCCESS",
  );
  return done.sessionToken;
}

describe("the room on several instances", skipWhen(missing), () => {
  it("shows sign-ins made through any instance at once, on every instance", async () => {
    expect((await roomAt(2)).trainees).toEqual([]);
    const daSession = await signIn("room.da", 0, 1);
    answerAt((await at(1).http.post(authn, { userId: "room.one", password })).data, "OTP_REQUIRED");
    // Read at once after the answers, on the third instance: no instance keeps the room to itself.
    const seen = await roomAt(2);
    expect(seen.trainees.map((t) => [t.userId, t.step, t.signedIn])).toEqual([
      ["room.da", "desktop", true],
      ["room.one", "otp", false],
    ]);
    expect(await roomAt(0)).toEqual({ ...seen, now: expect.any(String) });
    expect(daSession).toBeTruthy();
  });

  it("ends, unlocks and starts over one trainee through one instance; the others hold it", async () => {
    const oneSession = await signIn("room.one", 2, 0);
    const daSession = await signIn("room.da", 1, 2);
    const status = (i: number, session: string) =>
      at(i).http.get("/sso/api/v1/session/status", { headers: { authorization: `Bearer ${session}` } });
    expect((await at(0).control.post("/__sim/room/trainees/room.one/end-session")).data).toMatchObject({
      ended: 1,
    });
    expect((await status(1, oneSession)).status).toBe(401);
    expect((await status(2, daSession)).status).toBe(200);

    for (let i = 0; i < 5; i++)
      await at(i % 3).http.post(authn, { userId: "room.two", password: "Nope#2023wrong" });
    expect((await roomAt(1)).trainees.find((t) => t.userId === "room.two")?.lockedUntil).not.toBeNull();
    expect((await at(2).control.post("/__sim/room/trainees/room.two/unlock")).data).toEqual({
      userId: "room.two",
      wasLocked: true,
    });
    answerAt((await at(0).http.post(authn, { userId: "room.two", password })).data, "OTP_REQUIRED");

    expect((await at(1).control.post("/__sim/room/trainees/room.da/start-over")).status).toBe(200);
    expect((await status(0, daSession)).status).toBe(401);
    const after = await roomAt(2);
    expect(after.trainees.map((t) => t.userId)).toEqual(["room.one", "room.two"]);
    expect(after.trainees.find((t) => t.userId === "room.two")).toMatchObject({
      step: "otp",
      lockedUntil: null,
    });
  });

  it("processes a DA's email application once, whichever instances ask at the same moment", async () => {
    const daSession = await signIn("room.da", 0, 1);
    const applied = await at(2).http.put(
      "/sso/api/v1/admin/users/room.da2/email",
      { email: "second.da@cp077.example.com" },
      { headers: { authorization: `Bearer ${daSession}` } },
    );
    expect(applied.data).toMatchObject({ application: { late: true } });
    const processed = await Promise.all(
      [0, 1, 2].map((i) => at(i).control.post("/__sim/hkex/da-email-applications/process")),
    );
    expect(processed.flatMap((res) => (res.data as { processed: unknown[] }).processed)).toHaveLength(1);
    const listed = daEmailApplicationsResponseSchema.parse(
      (await at(1).control.get("/__sim/hkex/da-email-applications")).data,
    );
    expect(listed.applications).toEqual([
      expect.objectContaining({ userId: "room.da2", status: "effective" }),
    ]);
    const mail = await at(0).control.get("/__sim/mailbox", { params: { to: "second.da@cp077.example.com" } });
    expect(mailboxResponseSchema.parse(mail.data).messages).toHaveLength(1);
  });
});
