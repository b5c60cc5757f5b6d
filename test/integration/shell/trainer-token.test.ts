import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Envelope } from "../../../shared/contract/api.js";
import type { PracticeCardInfo } from "../../../shared/contract/practice-card.js";
import type { PracticeView } from "../../../shared/contract/practice.js";
import type { RehearsalView } from "../../../shared/contract/rehearsal.js";
import type { SimStatus } from "../../../shared/wire/control.js";
import { createServices, type Services } from "../../../electron/host/create-services.js";
import { startSimulator } from "../../../simulator/index.js";

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

const dirs: string[] = [];
const tempDir = (label: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ccms-${label}-`));
  dirs.push(dir);
  return dir;
};

// A computer without a keychain (Linux without a session bus or Secret Service): nothing of this
// process's environment reaches one, so the app keeps a trainer's token in its memory.
for (const name of ["DBUS_SESSION_BUS_ADDRESS", "DISPLAY", "WAYLAND_DISPLAY"])
  Reflect.deleteProperty(process.env, name);
process.env["XDG_RUNTIME_DIR"] = tempDir("no-bus");

const failure = (envelope: Envelope) => (envelope.ok ? null : envelope.error);
const value = <T>(envelope: Envelope): T => {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
};

describe("a standalone simulator: the trainer's token", () => {
  let standalone: Simulator;
  let services: Services;
  const hostDir = tempDir("host-trainer");
  const open = () =>
    createServices({
      dataDir: hostDir,
      server: { url: `${standalone.url}/sso`, caFile: standalone.caFile },
      shell: "web",
      version: "0.0.0-test",
      simulatorHashProfile: "fast",
    });
  const call = <T>(method: string, input: unknown = {}) => services.dispatch(method, input).then(value<T>);
  const publicStatus = async () => (await call<{ status: SimStatus }>("app.simStatus")).status;

  beforeAll(async () => {
    standalone = await startSimulator({ dataDir: tempDir("standalone-trainer"), hashProfile: "fast" });
    services = await open();
  });
  afterAll(async () => {
    await services?.close();
    await standalone?.close();
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("without the token: only the phase, no controls, no checklist, no practice card", async () => {
    expect(await publicStatus()).toMatchObject({ phase: expect.any(String) });
    expect(await call<RehearsalView>("rehearsal.state")).toEqual({ access: "token-needed", refused: false });
    expect(failure(await services.dispatch("rehearsal.setMoment", { preset: "launch-day" }))?.code).toBe(
      "NOT_AVAILABLE",
    );
    expect(failure(await services.dispatch("rehearsal.startOver", {}))?.code).toBe("NOT_AVAILABLE");
    expect(await call<PracticeView>("practice.checklist")).toEqual({
      available: false,
      reason: "no-control",
    });
    expect((await call<PracticeCardInfo>("smartcard.practiceCard")).reason).toBe("no-control");
  });

  it("a wrong token: a clear error, nothing kept and nothing changed on the simulator", async () => {
    const before = await publicStatus();
    const refused = failure(
      await services.dispatch("rehearsal.setTrainerToken", { token: "not-the-right-token" }),
    );
    expect(refused?.code).toBe("CONTROL_TOKEN_REFUSED");
    expect(refused?.message).toContain("Control token");
    expect(await call<RehearsalView>("rehearsal.state")).toEqual({ access: "token-needed", refused: false });
    expect(await publicStatus()).toMatchObject({ phase: before.phase, phasePinned: false });
    expect(failure(await services.dispatch("rehearsal.setTrainerToken", { token: "bad token!" }))?.code).toBe(
      "INVALID_INPUT",
    );
  });

  it("the right token: the controls, through the simulator's control API; kept in memory, as the view says", async () => {
    const view = await call<RehearsalView>("rehearsal.setTrainerToken", {
      token: ` ${standalone.controlToken} `,
    });
    expect(view).toMatchObject({ access: "trainer", tokenKept: "memory" });
    await call("rehearsal.setMoment", { preset: "before-launch" });
    expect(await publicStatus()).toMatchObject({ phase: "smartcard-only" });
    expect(await call<RehearsalView>("rehearsal.state")).toMatchObject({
      access: "trainer",
      tokenKept: "memory",
    });
  });

  it("kept in memory only: the app started again asks for it again, and no file of the app holds it", async () => {
    await services.close();
    services = await open();
    expect(await call<RehearsalView>("rehearsal.state")).toEqual({ access: "token-needed", refused: false });
    const files = fs.readdirSync(hostDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    const holding = files.filter((entry) =>
      fs.readFileSync(path.join(entry.parentPath, entry.name)).includes(standalone.controlToken),
    );
    expect(holding.map((entry) => entry.name)).toEqual([]);
    await call<RehearsalView>("rehearsal.setTrainerToken", { token: standalone.controlToken });
  });

  it("forgets the token on request: back to the phase alone", async () => {
    expect(await call<RehearsalView>("rehearsal.forgetTrainerToken")).toEqual({
      access: "token-needed",
      refused: false,
    });
    expect(failure(await services.dispatch("rehearsal.setMoment", { realTime: true }))?.code).toBe(
      "NOT_AVAILABLE",
    );
    expect(await publicStatus()).toMatchObject({ phase: "smartcard-only" });
  });
});
