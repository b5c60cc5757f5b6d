import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PracticeView } from "../../../shared/contract/practice.js";
import type { Room } from "../../../shared/wire/room.js";
import {
  failure,
  type HostWithSimulator,
  startHostWithSimulator,
  value,
} from "../../support/host-with-simulator.js";

/**
 * The room's methods of the app's contract, dispatched as the page calls them, against a standalone
 * simulator a trainer gives the control token of; and a DA's checklist item waiting for HKEX.
 */
let host: HostWithSimulator;
const call = async <T>(method: string, input: unknown = {}) =>
  value<T>(await host.services.dispatch(method, input));

beforeAll(async () => {
  host = await startHostWithSimulator({}, {});
  // Launch day, so a DA's application is late and both methods run.
  await host.control.put("/__sim/rehearsal/moment", { preset: "launch-day" });
});
afterAll(async () => host?.close());

describe("the room through the app", () => {
  it("needs control of the simulator: a trainer's token", async () => {
    expect(failure(await host.services.dispatch("room.view", {})).code).toBe("NOT_AVAILABLE");
    await call("rehearsal.setTrainerToken", { token: host.sim.controlToken });
    expect((await call<Room>("room.view")).trainees).toEqual([]);
  });

  it("shows the trainee signed in, and unlocks, ends and starts over one trainee", async () => {
    await host.signIn("demo.da");
    const room = await call<Room>("room.view");
    expect(room.trainees).toEqual([
      expect.objectContaining({ userId: "demo.da", signedIn: true, step: "desktop", role: "da" }),
    ]);
    expect(await call("room.unlock", { userId: "demo.da" })).toEqual({ userId: "demo.da", wasLocked: false });
    expect(await call("room.endSession", { userId: "demo.da" })).toEqual({ userId: "demo.da", ended: 1 });
    expect((await call<Room>("room.view")).trainees[0]).toMatchObject({ signedIn: false, step: "password" });
    expect(await call("room.startOver", { userId: "demo.da" })).toEqual({
      userId: "demo.da",
      sessionsEnded: 0,
    });
    expect((await call<Room>("room.view")).trainees).toEqual([]);
    expect(failure(await host.services.dispatch("room.unlock", { userId: "bad id!" })).code).toBe(
      "INVALID_INPUT",
    );
    expect(failure(await host.services.dispatch("room.unlock", { userId: "no.one" })).code).toBe("NOT_FOUND");
  });

  it("shows a DA's email application as waiting for HKEX on the DA's checklist, then done once processed", async () => {
    await host.control.post("/__sim/users", {
      userId: "cp1.newda",
      password: "Demo#2023pass",
      role: "da",
      participant: "CP001",
      clearingHouse: "HKSCC",
      hasSmartcard: true,
    });
    await host.signIn("demo.da");
    const applied = await call<{ application: { late: boolean } }>("admin.setEmail", {
      userId: "cp1.newda",
      email: "new.da@cp001.example.com",
    });
    expect(applied.application.late).toBe(true);
    const item = async () => {
      const view = await call<PracticeView>("practice.checklist");
      if (!view.available) throw new Error(view.reason);
      return view.items.find((i) => i.id === "da-email-application");
    };
    expect(await item()).toMatchObject({ applicable: true, done: false, pending: true });
    const waiting = (await call<Room>("room.view")).trainees.find((t) => t.userId === "demo.da");
    expect(waiting?.practice.items).toContainEqual({
      id: "da-email-application",
      done: false,
      pending: true,
    });
    await host.control.post("/__sim/hkex/da-email-applications/process");
    expect(await item()).toMatchObject({ done: true, pending: false, times: 1 });
  });
});
