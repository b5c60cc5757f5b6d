import { afterAll, beforeAll, expect } from "vitest";
import { errorBodySchema } from "../../../shared/error-schemas.js";
import { readinessBoardSchema, readinessPath, type ReadinessBoard } from "../../../shared/wire/readiness.js";
import { as } from "../../support/wire-sign-in.js";
import { demoPassword, type Harness, startHarness } from "../simulator/sim-harness.js";

export const afterLaunch = "2023-06-15T10:00:00+08:00";

export const code = (res: { data: unknown }) => errorBodySchema.parse(res.data).error;

/**
 * A simulator for the file that calls this (after launch), and what the board's tests need of it:
 * fresh participants, the board as their DA sees it, connectivity reports, the simulated date.
 */
export function useReadinessSimulator() {
  let h: Harness;
  let serial = 0;
  beforeAll(async () => {
    h = await startHarness({}, afterLaunch);
  });
  afterAll(async () => h.close());

  /** A fresh participant: its DA (no card, signs in with OTP) and users as asked. */
  async function participant(users: Array<{ email: boolean; card: boolean }>) {
    const id = `CP${String(100 + ++serial)}`;
    const make = async (userId: string, role: "user" | "da", email: boolean, card: boolean) => {
      const res = await h.control.post("/__sim/users", {
        userId,
        password: demoPassword,
        role,
        participant: id,
        participantName: `Participant ${id}`,
        clearingHouse: "HKSCC",
        createdAt: "2022-11-01T09:00:00+08:00",
        hasSmartcard: card,
        ...(email ? { email: `${userId}@${id.toLowerCase()}.example.com` } : {}),
      });
      expect(res.status).toBe(201);
      return userId;
    };
    const da = await make(`${id.toLowerCase()}.da`, "da", true, false);
    const members: string[] = [];
    for (const [index, user] of users.entries()) {
      members.push(await make(`${id.toLowerCase()}.u${index + 1}`, "user", user.email, user.card));
    }
    return { id, da, members };
  }

  async function board(token: string, id: string): Promise<ReadinessBoard> {
    const res = await h.http.get(readinessPath(id), as(token));
    expect(res.status, JSON.stringify(res.data)).toBe(200);
    return readinessBoardSchema.parse(res.data);
  }

  const userRow = (b: ReadinessBoard, userId: string) => {
    const row = b.users.items.find((u) => u.userId === userId);
    if (!row) throw new Error(`${userId} is not on the board`);
    return row;
  };

  /** A connectivity report as `ccms-check --json` prints it. */
  function report(startedAt: string, failAt: "tcp" | null = null): string {
    const ids = ["proxy", "dns", "tcp", "tls", "http", "page"] as const;
    const failed = failAt === null ? -1 : ids.indexOf(failAt);
    const steps = ids.map((id, index) => ({
      id,
      status: failed === -1 || index < failed ? "pass" : index === failed ? "fail" : "skip",
      durationMs: 3.2,
      detail: `${id} seen`,
      hint: index === failed ? "Ask IT about the firewall (Installation Procedures 4.8)." : null,
    }));
    return JSON.stringify({
      status: failAt === null ? "pass" : "fail",
      startedAt,
      target: "https://sso.hkexposttrade.com.hk/sso",
      steps,
      timings: { dnsMs: 1, connectMs: 2, tlsMs: 3, ttfbMs: 4, totalMs: 20 },
    });
  }

  async function setClock(now: string) {
    expect((await h.control.put("/__sim/clock", { now })).status).toBe(200);
  }

  return { harness: () => h, participant, board, userRow, report, setClock };
}
