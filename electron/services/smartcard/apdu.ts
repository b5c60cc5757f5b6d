/**
 * The command set of the CCMS card applet, as the client sends it. The card
 * side lives in simulator/smartcard/apdu.ts; the numbers are the protocol.
 */
export const CCMS_AID = Uint8Array.from([0xf0, 0x43, 0x43, 0x4d, 0x53, 0x54, 0x01]);

export const command = {
  select: (): Uint8Array => bytes(0x00, 0xa4, 0x04, 0x00, CCMS_AID.length, ...CCMS_AID),
  pinStatus: (): Uint8Array => bytes(0x00, 0x20, 0x00, 0x81),
  verifyPin: (pin: string): Uint8Array => {
    const digits = new TextEncoder().encode(pin);
    return bytes(0x00, 0x20, 0x00, 0x81, digits.length, ...digits);
  },
  readBinary: (offset: number, length: number): Uint8Array =>
    bytes(0x00, 0xb0, (offset >> 8) & 0x7f, offset & 0xff, length & 0xff),
  sign: (challenge: Uint8Array): Uint8Array =>
    bytes(0x00, 0x2a, 0x9e, 0x9a, challenge.length, ...challenge, 0x00),
};

export const READ_CHUNK = 0xf0;

function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}

export interface ResponseApdu {
  data: Uint8Array;
  sw: number;
}

export function splitResponse(answer: Uint8Array): ResponseApdu {
  if (answer.length < 2) return { data: new Uint8Array(0), sw: 0 };
  const sw = ((answer[answer.length - 2] ?? 0) << 8) | (answer[answer.length - 1] ?? 0);
  return { data: answer.slice(0, -2), sw };
}

export const swHex = (sw: number): string => sw.toString(16).toUpperCase().padStart(4, "0");
