/**
 * The CCMS card applet's command set (ISO 7816-4 short APDUs). The client in
 * electron/services/smartcard speaks the same numbers; they are restated there
 * because the client may not import the simulator.
 */

/** Our own proprietary AID: F0 (unregistered) + "CCMST" + version 01. */
export const CCMS_AID = Uint8Array.from([0xf0, 0x43, 0x43, 0x4d, 0x53, 0x54, 0x01]);

export const INS = {
  select: 0xa4,
  verify: 0x20,
  readBinary: 0xb0,
  performSecurityOperation: 0x2a,
} as const;

export const SW = {
  ok: 0x9000,
  wrongLength: 0x6700,
  securityNotSatisfied: 0x6982,
  authBlocked: 0x6983,
  conditionsNotSatisfied: 0x6985,
  wrongData: 0x6a80,
  fileNotFound: 0x6a82,
  wrongP1P2: 0x6a86,
  offsetBeyondEnd: 0x6b00,
  insNotSupported: 0x6d00,
  claNotSupported: 0x6e00,
  /** 63Cx: wrong PIN, x tries left. */
  wrongPinBase: 0x63c0,
} as const;

export const PIN_REFERENCE = 0x81;
/** P1-P2 of PERFORM SECURITY OPERATION: compute digital signature. */
export const PSO_SIGN_P1 = 0x9e;
export const PSO_SIGN_P2 = 0x9a;
export const CHALLENGE_MIN = 16;
export const CHALLENGE_MAX = 128;

/**
 * ATR of the virtual card: direct convention, T=1, historical bytes "CCMS",
 * with its check byte.
 */
export const CARD_ATR = withCheckByte([0x3b, 0x84, 0x80, 0x01, 0x43, 0x43, 0x4d, 0x53]);

function withCheckByte(bytes: number[]): Uint8Array {
  let tck = 0;
  for (const byte of bytes.slice(1)) tck ^= byte;
  return Uint8Array.from([...bytes, tck]);
}

export interface CommandApdu {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data: Uint8Array;
  /** Expected response length; 256 when Le was 00; undefined when absent. */
  le: number | undefined;
}

/** Parses a short command APDU (cases 1–4); returns undefined when malformed. */
export function parseCommand(apdu: Uint8Array): CommandApdu | undefined {
  if (apdu.length < 4) return undefined;
  const [cla, ins, p1, p2] = apdu as unknown as [number, number, number, number];
  const base = { cla, ins, p1, p2 };
  if (apdu.length === 4) return { ...base, data: new Uint8Array(0), le: undefined };
  const lc = apdu[4] ?? 0;
  if (apdu.length === 5) return { ...base, data: new Uint8Array(0), le: lc === 0 ? 256 : lc };
  if (lc === 0) return undefined;
  if (apdu.length === 5 + lc) return { ...base, data: apdu.slice(5, 5 + lc), le: undefined };
  if (apdu.length === 6 + lc) {
    const le = apdu[5 + lc] ?? 0;
    return { ...base, data: apdu.slice(5, 5 + lc), le: le === 0 ? 256 : le };
  }
  return undefined;
}

export function response(sw: number, data: Uint8Array = new Uint8Array(0)): Uint8Array {
  const out = new Uint8Array(data.length + 2);
  out.set(data, 0);
  out[data.length] = sw >> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
}
