import { createPrivateKey, sign, X509Certificate, type KeyObject } from "node:crypto";
import {
  CCMS_AID,
  CHALLENGE_MAX,
  CHALLENGE_MIN,
  INS,
  parseCommand,
  PIN_REFERENCE,
  PSO_SIGN_P1,
  PSO_SIGN_P2,
  response,
  SW,
  type CommandApdu,
} from "./apdu.js";
import { PIN_MAX_TRIES, pinMatches, type CardFile } from "./card-file.js";

/** Where a card keeps what must survive a removal: its PIN try counter. */
export interface CardStore {
  readonly card: CardFile;
  saveTriesLeft(triesLeft: number): void;
}

export function memoryCardStore(card: CardFile): CardStore {
  const state = structuredClone(card);
  return {
    card: state,
    saveTriesLeft: (triesLeft) => {
      state.pin.triesLeft = triesLeft;
    },
  };
}

/**
 * The CCMS card applet: SELECT, VERIFY PIN, READ BINARY (the certificate) and
 * PERFORM SECURITY OPERATION (sign a challenge). The private key is held as a
 * KeyObject inside this object and only ever used to sign.
 */
export class CardApplet {
  private readonly key: KeyObject;
  private readonly certificateDer: Uint8Array;
  private selected = false;
  private pinVerified = false;

  constructor(private readonly store: CardStore) {
    this.key = createPrivateKey(store.card.privateKey);
    this.certificateDer = new Uint8Array(new X509Certificate(store.card.certificate).raw);
  }

  get userId(): string {
    return this.store.card.userId;
  }

  get triesLeft(): number {
    return this.store.card.pin.triesLeft;
  }

  /** Power off, reset or removal: the session's selection and PIN state are forgotten. */
  reset(): void {
    this.selected = false;
    this.pinVerified = false;
  }

  process(apdu: Uint8Array): Uint8Array {
    const command = parseCommand(apdu);
    if (!command) return response(SW.wrongLength);
    if (command.cla !== 0x00) return response(SW.claNotSupported);
    if (command.ins === INS.select) return this.select(command);
    if (!this.selected) return response(SW.conditionsNotSatisfied);
    switch (command.ins) {
      case INS.verify:
        return this.verify(command);
      case INS.readBinary:
        return this.readBinary(command);
      case INS.performSecurityOperation:
        return this.signChallenge(command);
      default:
        return response(SW.insNotSupported);
    }
  }

  private select(command: CommandApdu): Uint8Array {
    if (command.p1 !== 0x04) return response(SW.wrongP1P2);
    const match =
      command.data.length === CCMS_AID.length && command.data.every((byte, i) => byte === CCMS_AID[i]);
    this.selected = match;
    this.pinVerified = false;
    return response(match ? SW.ok : SW.fileNotFound);
  }

  private verify(command: CommandApdu): Uint8Array {
    if (command.p1 !== 0x00 || command.p2 !== PIN_REFERENCE) return response(SW.wrongP1P2);
    const triesLeft = this.store.card.pin.triesLeft;
    if (triesLeft === 0) return response(SW.authBlocked);
    // No data: ISO 7816-4's way of asking for the state without spending a try.
    if (command.data.length === 0) return response(this.pinVerified ? SW.ok : SW.wrongPinBase | triesLeft);
    if (command.data.length < 4 || command.data.length > 8) return response(SW.wrongLength);
    if (pinMatches(this.store.card.pin, command.data)) {
      if (triesLeft !== PIN_MAX_TRIES) this.store.saveTriesLeft(PIN_MAX_TRIES);
      this.pinVerified = true;
      return response(SW.ok);
    }
    this.pinVerified = false;
    const left = triesLeft - 1;
    this.store.saveTriesLeft(left);
    return response(left === 0 ? SW.authBlocked : SW.wrongPinBase | left);
  }

  private readBinary(command: CommandApdu): Uint8Array {
    if (command.p1 & 0x80) return response(SW.wrongP1P2);
    const offset = (command.p1 << 8) | command.p2;
    if (offset >= this.certificateDer.length) return response(SW.offsetBeyondEnd);
    const length = command.le ?? 256;
    return response(SW.ok, this.certificateDer.slice(offset, offset + length));
  }

  private signChallenge(command: CommandApdu): Uint8Array {
    if (command.p1 !== PSO_SIGN_P1 || command.p2 !== PSO_SIGN_P2) return response(SW.wrongP1P2);
    if (this.store.card.pin.triesLeft === 0) return response(SW.authBlocked);
    if (!this.pinVerified) return response(SW.securityNotSatisfied);
    if (command.data.length < CHALLENGE_MIN || command.data.length > CHALLENGE_MAX) {
      return response(SW.wrongData);
    }
    const signature = sign("sha256", command.data, { key: this.key, dsaEncoding: "der" });
    return response(SW.ok, new Uint8Array(signature));
  }
}
