import { beforeAll, describe, expect, it } from "vitest";
import { X509Certificate } from "node:crypto";
import { AppError } from "../../../shared/errors.js";
import { CardSession } from "../../../electron/services/smartcard/card-session.js";
import type { CardFile } from "../../../simulator/smartcard/card-file.js";
import { issueCard } from "../../../simulator/smartcard/issue-card.js";
import { SimulatedReader } from "../../../simulator/smartcard/simulated-reader.js";
import { createTestCa } from "../../support/test-ca.js";

let card: CardFile;
beforeAll(async () => {
  card = await issueCard(await createTestCa(), { userId: "carol", pin: "13579", now: new Date() });
});

async function sessionOn(reader: SimulatedReader): Promise<CardSession> {
  const session = new CardSession(await reader.connect(reader.name));
  await session.select();
  return session;
}

async function codeOf(promise: Promise<unknown>): Promise<[string, Record<string, unknown> | undefined]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return [error.code, error.details];
  }
  throw new Error("expected an AppError");
}

describe("the client's card session against the CCMS applet", () => {
  it("reads the tries, the certificate, and signs after the PIN", async () => {
    const reader = new SimulatedReader();
    reader.insertCard(card);
    const session = await sessionOn(reader);
    expect(await session.pinTriesLeft()).toBe(3);
    const der = await session.readCertificate();
    expect(new X509Certificate(der).raw.equals(new X509Certificate(card.certificate).raw)).toBe(true);
    expect(await codeOf(session.sign(new Uint8Array(32)))).toEqual(["CARD_ERROR", { sw: "6982" }]);
    await session.verifyPin("13579");
    expect((await session.sign(new Uint8Array(32))).length).toBeGreaterThan(60);
  });

  it("turns 63Cx into WRONG_PIN with the tries left and 6983 into CARD_BLOCKED", async () => {
    const reader = new SimulatedReader();
    reader.insertCard(card);
    const session = await sessionOn(reader);
    expect(await codeOf(session.verifyPin("0000"))).toEqual(["WRONG_PIN", { triesLeft: 2 }]);
    expect(await codeOf(session.verifyPin("0000"))).toEqual(["WRONG_PIN", { triesLeft: 1 }]);
    expect(await codeOf(session.verifyPin("0000"))).toEqual(["CARD_BLOCKED", { triesLeft: 0 }]);
    expect(await session.pinTriesLeft()).toBe(0);
  });

  it("says UNKNOWN_CARD when the card has no CCMS application", async () => {
    const foreignCard = { transmit: async () => Uint8Array.from([0x6a, 0x82]), close: async () => {} };
    expect((await codeOf(new CardSession(foreignCard).select()))[0]).toBe("UNKNOWN_CARD");
  });

  it("says CARD_REMOVED for a channel whose card left, and NO_CARD for an empty reader", async () => {
    const reader = new SimulatedReader();
    reader.insertCard(card);
    const session = await sessionOn(reader);
    reader.remove();
    expect((await codeOf(session.pinTriesLeft()))[0]).toBe("CARD_REMOVED");
    expect((await codeOf(reader.connect(reader.name)))[0]).toBe("NO_CARD");
  });
});
