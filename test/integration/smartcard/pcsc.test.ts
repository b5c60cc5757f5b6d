import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { AxiosInstance } from "axios";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Envelope } from "../../../shared/contract/api.js";
import { VIRTUAL_PCSC_READER } from "../../../shared/contract/practice-card.js";
import type { SmartcardStatus } from "../../../shared/contract/smartcard.js";
import {
  SMARTCARD_CHALLENGE_PATH,
  SMARTCARD_VERIFY_PATH,
  smartcardChallengeResponseSchema,
} from "../../../shared/wire/smartcard.js";
import type { Services } from "../../../electron/host/create-services.js";
import { startServices } from "../../support/host-services.js";
import { AuthClient } from "../../../electron/services/auth/auth-client.js";
import { createHttpClient, destroyHttpClient } from "../../../electron/services/http/create-http-client.js";
import { PcscBackend } from "../../../electron/services/smartcard/pcsc-backend.js";
import { SmartcardService } from "../../../electron/services/smartcard/smartcard-service.js";
import { CardApplet, memoryCardStore } from "../../../simulator/smartcard/applet.js";
import { readCardFile, writeCardFile } from "../../../simulator/smartcard/card-file.js";
import {
  insertVirtualCard,
  type CardHandler,
  type InsertedCard,
} from "../../../simulator/smartcard/vpcd-card.js";
import { ensurePcscd, pcscSkipReason, type PcscdHandle } from "../../support/pcscd.js";
import { startVirtualCard } from "../../support/virtual-card-process.js";
import { demoPassword, startHarness, type Harness } from "../simulator/sim-harness.js";
import { viewAt } from "../../support/authn-answers.js";
import { skipWhen } from "../../support/skip-when.js";
import { rejection, until } from "../../support/async-outcomes.js";

const READER = "Virtual PCD 00 00";
const PIN = "4711";
const skipReason = pcscSkipReason();

describe("smartcard over PC/SC (pcscd + vpcd + the virtual card)", skipWhen(skipReason), () => {
  let pcscd: PcscdHandle;
  let h: Harness;
  let dir: string;
  let auth: AuthClient;
  let httpClient: AxiosInstance;
  let service: SmartcardService;
  const statuses: SmartcardStatus[] = [];
  const steps: string[] = [];
  let serial = 0;

  beforeAll(async () => {
    pcscd = await ensurePcscd();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-pcsc-test-"));
    h = await startHarness({}, "2025-01-06T09:00:00+08:00");
    httpClient = createHttpClient({ baseURL: h.sim.url, caPem: h.sim.caCertPem });
    auth = new AuthClient({
      http: httpClient,
      clock: () => new Date(),
    });
    service = new SmartcardService({
      backends: [new PcscBackend()],
      factor: () => ({
        challenge: () => auth.factorRequest(SMARTCARD_CHALLENGE_PATH, {}, smartcardChallengeResponseSchema),
        verify: (proof) => auth.factorStep(SMARTCARD_VERIFY_PATH, proof),
      }),
      onStatus: (status) => statuses.push(status),
      onProgress: (progress) => steps.push(progress.step),
    });
    await service.start();
  });

  afterAll(async () => {
    await service?.stop();
    if (auth) destroyHttpClient(httpClient);
    await h?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    await pcscd?.stop();
  });

  async function cardHolder(phase: "smartcard-only" | "parallel-run" = "smartcard-only"): Promise<string> {
    const userId = `pcsc${++serial}`;
    const created = await h.control.post("/__sim/users", {
      userId,
      password: demoPassword,
      email: `${userId}@example.com`,
      role: "user",
      participant: "P0001",
      clearingHouse: "HKSCC",
      createdAt: "2023-01-02T00:00:00+08:00",
      hasSmartcard: true,
    });
    expect(created.status).toBe(201);
    expect((await h.control.put("/__sim/phase", { phase })).status).toBe(200);
    return userId;
  }

  async function cardFileFor(userId: string, extra: Record<string, string> = {}): Promise<string> {
    const res = await h.control.post("/__sim/cards", { userId, pin: PIN, ...extra });
    expect(res.status).toBe(201);
    const file = path.join(dir, `${userId}-${Date.now()}.json`);
    fs.writeFileSync(file, JSON.stringify(res.data.card));
    return file;
  }

  const cardInReader = (present: boolean) => () =>
    statuses.at(-1)?.readers.find((r) => r.name === READER && r.cardPresent === present);

  it("lists the vpcd readers, with no card in them", async () => {
    const status = await service.status();
    expect(status.problems).toEqual([]);
    expect(status.readers.map((r) => r.name)).toContain(READER);
    expect(status.readers.find((r) => r.name === READER)?.cardPresent).toBe(false);
  });

  it("says NO_CARD without a card and NO_READER for a reader that is not there", async () => {
    expect((await rejection(service.inspect(READER))).code).toBe("NO_CARD");
    expect((await rejection(service.signIn({ reader: "Nowhere Reader 9", pin: PIN }))).code).toBe(
      "NO_READER",
    );
  });

  it("streams card insert and removal from the virtual card process", async () => {
    const userId = await cardHolder();
    const card = await startVirtualCard(await cardFileFor(userId));
    await until(cardInReader(true), "the card inserted");
    expect(await service.inspect(READER)).toEqual({ reader: READER, triesLeft: 3, blocked: false });
    expect(await card.remove()).toBe(0);
    expect(card.output()).toContain("Card removed.");
    await until(cardInReader(false), "the card removed");
  });

  it("signs in with the card: challenge, PIN, certificate, signature, SUCCESS", async () => {
    const userId = await cardHolder();
    const card = await startVirtualCard(await cardFileFor(userId));
    try {
      await until(cardInReader(true), "the card inserted");
      const step = await auth.begin({ userId, password: demoPassword });
      expect(step.state).toBe("SMARTCARD_REQUIRED");
      steps.length = 0;
      const done = viewAt(await service.signIn({ reader: READER, pin: PIN }), "SUCCESS");
      expect(done.session.authMethod).toBe("smartcard");
      expect(steps).toEqual(["challenge", "connect", "pin", "certificate", "signing", "verifying"]);
    } finally {
      await card.remove();
      await until(cardInReader(false), "the card removed");
    }
  });

  it("counts wrong PINs down, blocks the card at the third, and the card stays blocked in its file", async () => {
    const userId = await cardHolder();
    const file = await cardFileFor(userId);
    let card = await startVirtualCard(file);
    try {
      await until(cardInReader(true), "the card inserted");
      await auth.begin({ userId, password: demoPassword });
      const first = await rejection(service.signIn({ reader: READER, pin: "0000" }));
      expect(first.code).toBe("WRONG_PIN");
      expect(first.details).toEqual({ triesLeft: 2 });
      const second = await rejection(service.signIn({ reader: READER, pin: "0000" }));
      expect(second.details).toEqual({ triesLeft: 1 });
      const third = await rejection(service.signIn({ reader: READER, pin: "0000" }));
      expect(third.code).toBe("CARD_BLOCKED");
      expect((await rejection(service.signIn({ reader: READER, pin: PIN }))).code).toBe("CARD_BLOCKED");
    } finally {
      await card.remove();
      await until(cardInReader(false), "the card removed");
    }
    expect(readCardFile(file).pin.triesLeft).toBe(0);
    card = await startVirtualCard(file);
    try {
      await until(cardInReader(true), "the card inserted again");
      expect(await service.inspect(READER)).toEqual({ reader: READER, triesLeft: 0, blocked: true });
    } finally {
      await card.remove();
      await until(cardInReader(false), "the card removed");
    }
  });

  it("reports the server's refusals: expired certificate, another user's card, decommissioned", async () => {
    const userId = await cardHolder();
    const expired = await startVirtualCard(
      await cardFileFor(userId, { notBefore: "2020-01-01T00:00:00Z", notAfter: "2021-01-01T00:00:00Z" }),
    );
    try {
      await until(cardInReader(true), "the expired card inserted");
      await auth.begin({ userId, password: demoPassword });
      expect((await rejection(service.signIn({ reader: READER, pin: PIN }))).code).toBe("CERT_EXPIRED");
    } finally {
      await expired.remove();
      await until(cardInReader(false), "the card removed");
    }

    const other = await cardHolder();
    const othersCard = await startVirtualCard(await cardFileFor(other));
    try {
      await until(cardInReader(true), "another user's card inserted");
      await auth.begin({ userId, password: demoPassword });
      expect((await rejection(service.signIn({ reader: READER, pin: PIN }))).code).toBe("CERT_NOT_FOR_USER");

      const parallel = await cardHolder("parallel-run");
      await auth.begin({ userId: parallel, password: demoPassword });
      expect((await h.control.put("/__sim/phase", { phase: "2fa-only" })).status).toBe(200);
      expect((await rejection(service.signIn({ reader: READER, pin: PIN }))).code).toBe(
        "METHOD_DECOMMISSIONED",
      );
      // Refused before the card was asked for a PIN: no try was spent.
      expect((await service.inspect(READER)).triesLeft).toBe(3);
    } finally {
      await othersCard.remove();
      await until(cardInReader(false), "the card removed");
    }
  });

  it("says UNKNOWN_CARD for a card without the CCMS application", async () => {
    const foreign: CardHandler = {
      process: () => Uint8Array.from([0x6a, 0x82]),
      reset: () => {},
    };
    const card = await insertVirtualCard(foreign);
    try {
      await until(cardInReader(true), "the foreign card inserted");
      expect((await rejection(service.inspect(READER))).code).toBe("UNKNOWN_CARD");
    } finally {
      await card.remove();
      await until(cardInReader(false), "the card removed");
    }
    await until(cardInReader(false), "the foreign card removed");
  });

  it("says CARD_REMOVED when the card leaves in the middle of a sign-in", async () => {
    const userId = await cardHolder();
    const file = await cardFileFor(userId);
    const applet = new CardApplet(memoryCardStore(readCardFile(file)));
    const slot: { card?: InsertedCard } = {};
    // A card pulled out while the terminal reads its certificate.
    const pulledDuringRead: CardHandler = {
      process: (apdu) => {
        if (apdu[1] === 0xb0) {
          void slot.card?.remove();
          return new Uint8Array(0);
        }
        return applet.process(apdu);
      },
      reset: () => applet.reset(),
    };
    const inserted = await insertVirtualCard(pulledDuringRead);
    slot.card = inserted;
    await until(cardInReader(true), "the card inserted");
    await auth.begin({ userId, password: demoPassword });
    expect((await rejection(service.signIn({ reader: READER, pin: PIN }))).code).toBe("CARD_REMOVED");
    await inserted.closed;
    await until(cardInReader(false), "the card removed");
  });

  it("says PCSC_UNAVAILABLE when pcscd cannot be reached", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", path.resolve("test/support/pcsc-probe.ts")],
      { env: { ...process.env, PCSCLITE_CSOCK_NAME: path.join(dir, "no-pcscd.comm") } },
    );
    const outcome = JSON.parse(stdout) as { ok: boolean; code?: string; message?: string };
    expect(outcome.ok).toBe(false);
    expect(outcome.code).toBe("PCSC_UNAVAILABLE");
    expect(outcome.message).toMatch(/pcscd/);
  });

  it("says NATIVE_MODULE_MISSING when the smartcard module cannot load", async () => {
    const missing = "smartcard-module-that-is-not-installed";
    const backend = new PcscBackend(() => import(/* @vite-ignore */ missing));
    const error = await rejection(backend.listReaders());
    expect(error.code).toBe("NATIVE_MODULE_MISSING");
    const status = await new SmartcardService({ backends: [backend], factor: () => ({}) as never }).status();
    expect(status.problems.map((p) => p.code)).toEqual(["NATIVE_MODULE_MISSING"]);
  });

  it("keeps a card file whole while the try counter is written", async () => {
    const userId = await cardHolder();
    const file = await cardFileFor(userId);
    const before = readCardFile(file);
    writeCardFile(file, { ...before, pin: { ...before.pin, triesLeft: 2 } });
    expect(readCardFile(file).pin.triesLeft).toBe(2);
    expect(fs.readdirSync(dir).filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });
});

const envelopeValue = <T>(envelope: Envelope): T => {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
};
const envelopeFailure = (envelope: Envelope) => (envelope.ok ? null : envelope.error);

describe("a practice card in the virtual PC/SC reader (pcscd + vpcd)", skipWhen(skipReason), () => {
  let pcscd: PcscdHandle;
  let services: Services;
  let dir: string;
  const call = <T>(method: string, input: unknown = {}) =>
    services.dispatch(method, input).then(envelopeValue<T>);
  const virtualReader = (status: SmartcardStatus) =>
    status.readers.find((r) => r.name === VIRTUAL_PCSC_READER);

  beforeAll(async () => {
    pcscd = await ensurePcscd();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-practice-pcsc-"));
    services = await startServices({
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
    const wrong = envelopeFailure(
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
});
