import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Envelope } from "../../../shared/contract/api.js";
import type { SmartcardStatus } from "../../../shared/contract/smartcard.js";
import type { Services } from "../../../electron/host/create-services.js";
import { cardFileSchema, readCardFile, writeCardFile } from "../../../simulator/smartcard/card-file.js";
import { SIMULATED_READER_NAME } from "../../../simulator/smartcard/simulated-reader.js";
import { callControl, startServices } from "../../support/host-services.js";
import { demoPassword } from "../simulator/sim-harness.js";

/** Pins the built-in simulator's phase and has it issue a card file, through its control API. */
async function prepare(services: Services, phase: string, userId: string, cardFile: string): Promise<void> {
  expect((await callControl(services, "PUT", "/phase", { phase })).status).toBe(200);
  const issued = await callControl(services, "POST", "/cards", { userId, pin: PIN });
  expect(issued.status).toBe(201);
  writeCardFile(cardFile, cardFileSchema.parse((issued.data as { card: unknown }).card));
}

const PIN = "8642";
const failure = (envelope: Envelope) => (envelope.ok ? null : envelope.error);
const value = <T>(envelope: Envelope): T => {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
};

describe("the host's smartcard methods with the built-in simulated reader", () => {
  let services: Services;
  let dir: string;
  let cardFile: string;
  const events: Array<{ event: string; payload: unknown }> = [];

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-host-card-"));
    services = await startServices({
      dataDir: path.join(dir, "app"),
      shell: "web",
      version: "0.0.0-test",
      simulatorHashProfile: "fast",
    });
    services.events.listen((event, payload) => events.push({ event, payload }));
    cardFile = path.join(dir, "demo-card.json");
    await prepare(services, "smartcard-only", "demo.user", cardFile);
  });

  afterAll(async () => {
    await services?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const simulatedReader = (status: SmartcardStatus) => status.readers.find((r) => r.backend === "simulated");

  it("lists the simulated reader, empty, next to whatever PC/SC offers", async () => {
    const status = value<SmartcardStatus>(await services.dispatch("smartcard.status", {}));
    expect(status.simulatedReader).toBe(true);
    expect(simulatedReader(status)).toEqual({
      name: SIMULATED_READER_NAME,
      backend: "simulated",
      cardPresent: false,
    });
  });

  it("refuses what is not a card file, and says why", async () => {
    expect(
      failure(await services.dispatch("smartcard.insertSimulated", { cardFile: path.join(dir, "none.json") }))
        ?.code,
    ).toBe("NOT_FOUND");
    const notACard = path.join(dir, "not-a-card.json");
    fs.writeFileSync(notACard, JSON.stringify({ hello: "world" }));
    const refused = failure(await services.dispatch("smartcard.insertSimulated", { cardFile: notACard }));
    expect(refused?.code).toBe("INVALID_INPUT");
    expect(refused?.message).toContain("not a valid card file");
  });

  it("inserts a card file, announces it, and reads the PIN tries", async () => {
    events.length = 0;
    const status = value<SmartcardStatus>(await services.dispatch("smartcard.insertSimulated", { cardFile }));
    expect(simulatedReader(status)?.cardPresent).toBe(true);
    expect(events.some((e) => e.event === "smartcard.status")).toBe(true);
    expect(value(await services.dispatch("smartcard.inspect", { reader: SIMULATED_READER_NAME }))).toEqual({
      reader: SIMULATED_READER_NAME,
      triesLeft: 3,
      blocked: false,
    });
  });

  it("signs in: a wrong PIN costs a try (kept in the file), the right one succeeds, progress is streamed", async () => {
    expect(
      value<{ state: string }>(
        await services.dispatch("auth.begin", { userId: "demo.user", password: demoPassword }),
      ).state,
    ).toBe("SMARTCARD_REQUIRED");
    expect(
      failure(await services.dispatch("smartcard.signIn", { reader: SIMULATED_READER_NAME, pin: "12ab" }))
        ?.code,
    ).toBe("INVALID_INPUT");
    const wrong = failure(
      await services.dispatch("smartcard.signIn", { reader: SIMULATED_READER_NAME, pin: "1111" }),
    );
    expect(wrong?.code).toBe("WRONG_PIN");
    expect(wrong?.details).toEqual({ triesLeft: 2 });
    expect(readCardFile(cardFile).pin.triesLeft).toBe(2);

    events.length = 0;
    const done = value<{ state: string; session?: { authMethod: string } }>(
      await services.dispatch("smartcard.signIn", { reader: SIMULATED_READER_NAME, pin: PIN }),
    );
    expect(done.state).toBe("SUCCESS");
    expect(done.session?.authMethod).toBe("smartcard");
    expect(JSON.stringify(done)).not.toMatch(/stateToken|sessionToken/);
    expect(
      events.filter((e) => e.event === "smartcard.progress").map((e) => (e.payload as { step: string }).step),
    ).toEqual(["challenge", "connect", "pin", "certificate", "signing", "verifying"]);
    expect(events.some((e) => e.event === "session.changed")).toBe(true);
    expect(readCardFile(cardFile).pin.triesLeft).toBe(3);
  });

  it("removes the card: the next sign-in says NO_CARD, an unknown reader NO_READER", async () => {
    const status = value<SmartcardStatus>(await services.dispatch("smartcard.removeSimulated", {}));
    expect(simulatedReader(status)?.cardPresent).toBe(false);
    await services.dispatch("auth.begin", { userId: "demo.user", password: demoPassword });
    expect(
      failure(await services.dispatch("smartcard.signIn", { reader: SIMULATED_READER_NAME, pin: PIN }))?.code,
    ).toBe("NO_CARD");
    // A reader no backend lists is NO_READER, unless PC/SC is down here: then that is the likelier reason.
    const pcscProblem = status.problems.find((p) => p.backend === "pcsc")?.code;
    expect(failure(await services.dispatch("smartcard.inspect", { reader: "No Such Reader" }))?.code).toBe(
      pcscProblem ?? "NO_READER",
    );
  });
});

describe("parallel run: a card holder without a registered email", () => {
  let services: Services;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-host-noemail-"));
    services = await startServices({
      dataDir: path.join(dir, "app"),
      shell: "web",
      version: "0.0.0-test",
      simulatorHashProfile: "fast",
    });
    const cardFile = path.join(dir, "noemail-card.json");
    await prepare(services, "parallel-run", "demo.noemail", cardFile);
    value(await services.dispatch("smartcard.insertSimulated", { cardFile }));
  });

  afterAll(async () => {
    await services?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("is told EMAIL_NOT_REGISTERED, offered the smartcard, and signs in with it", async () => {
    const step = value<{ state: string; factors?: string[] }>(
      await services.dispatch("auth.begin", { userId: "demo.noemail", password: demoPassword }),
    );
    expect(step.state).toBe("EMAIL_NOT_REGISTERED");
    expect(step.factors).toEqual(["smartcard"]);
    const done = value<{ state: string }>(
      await services.dispatch("smartcard.signIn", { reader: SIMULATED_READER_NAME, pin: PIN }),
    );
    expect(done.state).toBe("SUCCESS");
  });
});
