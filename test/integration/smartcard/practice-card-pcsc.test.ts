import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Envelope } from "../../../shared/contract/api.js";
import { VIRTUAL_PCSC_READER } from "../../../shared/contract/practice-card.js";
import type { SmartcardStatus } from "../../../shared/contract/smartcard.js";
import { createServices, type Services } from "../../../electron/host/create-services.js";
import { ensurePcscd, pcscSkipReason, type PcscdHandle } from "../../support/pcscd.js";
import { demoPassword } from "../simulator/sim-harness.js";

const skipReason = pcscSkipReason();
if (skipReason) console.warn(`Skipping the practice card in the virtual PC/SC reader: ${skipReason}.`);

const value = <T>(envelope: Envelope): T => {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
};
const failure = (envelope: Envelope) => (envelope.ok ? null : envelope.error);

describe.skipIf(skipReason !== undefined)(
  "a practice card in the virtual PC/SC reader (pcscd + vpcd)",
  () => {
    let pcscd: PcscdHandle;
    let services: Services;
    let dir: string;
    const call = <T>(method: string, input: unknown = {}) => services.dispatch(method, input).then(value<T>);
    const virtualReader = (status: SmartcardStatus) =>
      status.readers.find((r) => r.name === VIRTUAL_PCSC_READER);

    beforeAll(async () => {
      pcscd = await ensurePcscd();
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-practice-pcsc-"));
      services = await createServices({
        dataDir: dir,
        shell: "web",
        version: "0.0.0-test",
        simulatorHashProfile: "fast",
      });
      await call("rehearsal.setMoment", { preset: "before-launch" });
    });

    afterAll(async () => {
      await services?.close();
      await pcscd?.stop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("goes into Virtual PCD 00 00, where PC/SC sees it, and signs the user in", async () => {
      expect(
        (await call<{ state: string }>("auth.begin", { userId: "demo.user", password: demoPassword })).state,
      ).toBe("SMARTCARD_REQUIRED");
      const issued = await call<{ status: SmartcardStatus; reader: string }>("smartcard.issuePracticeCard", {
        pin: "3141",
        into: "virtual",
      });
      expect(issued.reader).toBe(VIRTUAL_PCSC_READER);
      expect(virtualReader(issued.status)).toEqual({
        name: VIRTUAL_PCSC_READER,
        backend: "pcsc",
        cardPresent: true,
      });
      expect(await call("smartcard.inspect", { reader: VIRTUAL_PCSC_READER })).toMatchObject({
        triesLeft: 3,
      });
      const wrong = failure(
        await services.dispatch("smartcard.signIn", { reader: VIRTUAL_PCSC_READER, pin: "0000" }),
      );
      expect(wrong).toMatchObject({ code: "WRONG_PIN", details: { triesLeft: 2 } });
      const done = await call<{ state: string }>("smartcard.signIn", {
        reader: VIRTUAL_PCSC_READER,
        pin: "3141",
      });
      expect(done.state).toBe("SUCCESS");
      await call("auth.signOut");
    });

    it("takes the earlier practice card out when a new one goes in", async () => {
      await call("auth.begin", { userId: "demo.da", password: demoPassword });
      const issued = await call<{ status: SmartcardStatus; userId: string }>("smartcard.issuePracticeCard", {
        pin: "2718",
        into: "virtual",
      });
      expect(issued.userId).toBe("demo.da");
      // The card now in the reader is the new one: its PIN works, and the tries are back to 3.
      expect(await call("smartcard.inspect", { reader: VIRTUAL_PCSC_READER })).toMatchObject({
        triesLeft: 3,
      });
      const done = await call<{ state: string; session?: { userId: string } }>("smartcard.signIn", {
        reader: VIRTUAL_PCSC_READER,
        pin: "2718",
      });
      expect(done.session?.userId).toBe("demo.da");
      await call("auth.signOut");
    });

    it("comes out of the virtual reader when the app closes", async () => {
      await services.close();
      const { PcscBackend } = await import("../../../electron/services/smartcard/pcsc-backend.js");
      const backend = new PcscBackend();
      try {
        for (let i = 0; i < 100; i++) {
          const readers = await backend.listReaders();
          if (readers.find((r) => r.name === VIRTUAL_PCSC_READER)?.cardPresent === false) break;
          await new Promise((r) => setTimeout(r, 50));
        }
        expect((await backend.listReaders()).find((r) => r.name === VIRTUAL_PCSC_READER)?.cardPresent).toBe(
          false,
        );
      } finally {
        await backend.close();
      }
    });
  },
);
