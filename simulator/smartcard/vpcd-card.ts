import { connect, type Socket } from "node:net";
import { CARD_ATR } from "./apdu.js";

export const VPCD_HOST = "127.0.0.1";
export const VPCD_PORT = 35963;

/** What sits in the virtual reader: answers command APDUs, forgets its session on reset. */
export interface CardHandler {
  process(apdu: Uint8Array): Uint8Array;
  reset(): void;
}

const CONTROL = { powerOff: 0, powerOn: 1, reset: 2, getAtr: 4 } as const;

export interface InsertedCard {
  /** Closes the connection to vpcd: the reader sees the card removed. */
  remove(): Promise<void>;
  /** Settles when the connection ends, whoever ended it. */
  readonly closed: Promise<void>;
}

/**
 * Connects a card to the vsmartcard virtual reader driver (vpcd) inside pcscd.
 * Framing: every message is a 2-byte big-endian length and a payload; a 1-byte
 * payload is a control code, anything longer a command APDU.
 */
export function insertVirtualCard(
  handler: CardHandler,
  options: { host?: string; port?: number; atr?: Uint8Array } = {},
): Promise<InsertedCard> {
  const atr = options.atr ?? CARD_ATR;
  return new Promise((resolve, reject) => {
    const socket = connect({ host: options.host ?? VPCD_HOST, port: options.port ?? VPCD_PORT });
    socket.setNoDelay(true);
    const closed = new Promise<void>((done) => socket.once("close", () => done()));
    socket.once("error", reject);
    socket.once("connect", () => {
      socket.off("error", reject);
      socket.on("error", () => socket.destroy());
      serve(socket, handler, atr);
      resolve({
        closed,
        remove: async () => {
          socket.end();
          socket.destroy();
          await closed;
        },
      });
    });
  });
}

function serve(socket: Socket, handler: CardHandler, atr: Uint8Array): void {
  let buffered = Buffer.alloc(0);
  socket.on("data", (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 2) {
      const length = buffered.readUInt16BE(0);
      if (buffered.length < 2 + length) break;
      const payload = new Uint8Array(buffered.subarray(2, 2 + length));
      buffered = buffered.subarray(2 + length);
      const answer = handle(payload, handler, atr);
      if (answer) socket.write(frame(answer));
    }
  });
}

function handle(payload: Uint8Array, handler: CardHandler, atr: Uint8Array): Uint8Array | undefined {
  if (payload.length === 1) {
    switch (payload[0]) {
      case CONTROL.getAtr:
        return atr;
      case CONTROL.powerOff:
      case CONTROL.powerOn:
      case CONTROL.reset:
        handler.reset();
        return undefined;
      default:
        return undefined;
    }
  }
  return handler.process(payload);
}

function frame(payload: Uint8Array): Buffer {
  const out = Buffer.alloc(2 + payload.length);
  out.writeUInt16BE(payload.length, 0);
  out.set(payload, 2);
  return out;
}
