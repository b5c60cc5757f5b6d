import { createPublicKey, verify, X509Certificate } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { CardApplet, memoryCardStore } from "../../../simulator/smartcard/applet.js";
import { CCMS_AID, parseCommand } from "../../../simulator/smartcard/apdu.js";
import { issueCard } from "../../../simulator/smartcard/issue-card.js";
import type { CardFile } from "../../../simulator/smartcard/card-file.js";
import { createTestCa } from "../../support/test-ca.js";

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString("hex").toUpperCase();
const apdu = (...parts: (number | Uint8Array | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === "number" ? [p] : [...p])));
const select = apdu(0x00, 0xa4, 0x04, 0x00, CCMS_AID.length, CCMS_AID);
const verifyPin = (pin: string): Uint8Array => apdu(0x00, 0x20, 0x00, 0x81, pin.length, Buffer.from(pin));
const sw = (answer: Uint8Array): string => hex(answer.slice(-2));

let card: CardFile;
beforeAll(async () => {
  card = await issueCard(await createTestCa(), { userId: "alice01", pin: "2468", now: new Date() });
});

describe("card applet", () => {
  it("refuses commands before its AID is selected and refuses a foreign AID", () => {
    const applet = new CardApplet(memoryCardStore(card));
    expect(sw(applet.process(verifyPin("2468")))).toBe("6985");
    expect(sw(applet.process(apdu(0x00, 0xa4, 0x04, 0x00, 3, [0xa0, 0x00, 0x01])))).toBe("6A82");
    expect(sw(applet.process(select))).toBe("9000");
  });

  it("counts wrong PINs down (63Cx) and blocks at the third (6983), and stays blocked", () => {
    const store = memoryCardStore(card);
    const applet = new CardApplet(store);
    applet.process(select);
    expect(sw(applet.process(apdu(0x00, 0x20, 0x00, 0x81)))).toBe("63C3");
    expect(sw(applet.process(verifyPin("1111")))).toBe("63C2");
    expect(sw(applet.process(verifyPin("1111")))).toBe("63C1");
    expect(sw(applet.process(verifyPin("1111")))).toBe("6983");
    expect(sw(applet.process(verifyPin("2468")))).toBe("6983");
    expect(store.card.pin.triesLeft).toBe(0);
  });

  it("a right PIN restores the tries", () => {
    const store = memoryCardStore(card);
    const applet = new CardApplet(store);
    applet.process(select);
    applet.process(verifyPin("9999"));
    expect(sw(applet.process(verifyPin("2468")))).toBe("9000");
    expect(store.card.pin.triesLeft).toBe(3);
  });

  it("reads the certificate in chunks", () => {
    const applet = new CardApplet(memoryCardStore(card));
    applet.process(select);
    const chunks: Uint8Array[] = [];
    for (let offset = 0; ;) {
      const answer = applet.process(apdu(0x00, 0xb0, offset >> 8, offset & 0xff, 0x80));
      if (sw(answer) === "6B00") break;
      expect(sw(answer)).toBe("9000");
      const data = answer.slice(0, -2);
      chunks.push(data);
      offset += data.length;
      if (data.length < 0x80) break;
    }
    const der = Buffer.concat(chunks);
    expect(new X509Certificate(der).subject).toContain("CN=alice01");
  });

  it("signs a challenge only after the PIN, with the certificate's key", () => {
    const applet = new CardApplet(memoryCardStore(card));
    applet.process(select);
    const challenge = Buffer.alloc(32, 7);
    const sign = apdu(0x00, 0x2a, 0x9e, 0x9a, challenge.length, challenge, 0x00);
    expect(sw(applet.process(sign))).toBe("6982");
    applet.process(verifyPin("2468"));
    const answer = applet.process(sign);
    expect(sw(answer)).toBe("9000");
    const publicKey = createPublicKey(
      new X509Certificate(card.certificate).publicKey.export({ format: "pem", type: "spki" }),
    );
    expect(verify("sha256", challenge, { key: publicKey, dsaEncoding: "der" }, answer.slice(0, -2))).toBe(
      true,
    );
    applet.reset();
    expect(sw(applet.process(sign))).toBe("6985");
  });

  it("parses the four APDU cases and rejects malformed lengths", () => {
    expect(parseCommand(apdu(0, 0xb0, 0, 0))?.le).toBeUndefined();
    expect(parseCommand(apdu(0, 0xb0, 0, 0, 0))?.le).toBe(256);
    expect(parseCommand(apdu(0, 0x20, 0, 0x81, 2, [1, 2]))?.data.length).toBe(2);
    expect(parseCommand(apdu(0, 0x2a, 0, 0, 1, [9], 0))?.le).toBe(256);
    expect(parseCommand(apdu(0, 0x20, 0, 0x81, 5, [1]))).toBeUndefined();
    expect(sw(new CardApplet(memoryCardStore(card)).process(apdu(0x80, 0xa4, 4, 0)))).toBe("6E00");
  });
});
