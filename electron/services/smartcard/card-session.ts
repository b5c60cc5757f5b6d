import { AppError } from "../../../shared/errors.js";
import { command, READ_CHUNK, splitResponse, swHex, type ResponseApdu } from "./apdu.js";
import type { CardChannel } from "./card-channel.js";

const MAX_CERTIFICATE = 8192;

/** Talks to the CCMS applet on one open channel and turns status words into AppErrors. */
export class CardSession {
  constructor(private readonly channel: CardChannel) {}

  async select(): Promise<void> {
    const { sw } = await this.send(command.select());
    if (sw === 0x9000) return;
    if (sw === 0x6a82 || sw === 0x6a81 || sw === 0x6d00 || sw === 0x6e00) {
      throw new AppError(
        "UNKNOWN_CARD",
        "This card is not a CCMS smartcard. Insert the card issued to you for CCMS.",
        { sw: swHex(sw) },
      );
    }
    throw cardError(sw, "selecting the CCMS application");
  }

  /** Tries left before the card blocks, without spending one (0 when blocked). */
  async pinTriesLeft(): Promise<number> {
    const { sw } = await this.send(command.pinStatus());
    if (sw === 0x6983) return 0;
    if ((sw & 0xfff0) === 0x63c0) return sw & 0x0f;
    if (sw === 0x9000) return 3;
    throw cardError(sw, "reading the PIN state");
  }

  async verifyPin(pin: string): Promise<void> {
    const { sw } = await this.send(command.verifyPin(pin));
    if (sw === 0x9000) return;
    if (sw === 0x6983) throw blocked();
    if ((sw & 0xfff0) === 0x63c0) {
      const triesLeft = sw & 0x0f;
      throw new AppError(
        "WRONG_PIN",
        `Wrong PIN. ${triesLeft} ${triesLeft === 1 ? "try" : "tries"} left before the card is blocked.`,
        { triesLeft },
      );
    }
    if (sw === 0x6700) throw new AppError("INVALID_INPUT", "A card PIN is 4 to 8 digits.");
    throw cardError(sw, "verifying the PIN");
  }

  /** The certificate (DER), read in chunks until the card says the file ends. */
  async readCertificate(): Promise<Uint8Array> {
    const chunks: Uint8Array[] = [];
    let offset = 0;
    for (;;) {
      const { data, sw } = await this.send(command.readBinary(offset, READ_CHUNK));
      if (sw === 0x6b00 && offset > 0) break;
      if (sw !== 0x9000) throw cardError(sw, "reading the certificate");
      chunks.push(data);
      offset += data.length;
      if (data.length < READ_CHUNK) break;
      if (offset > MAX_CERTIFICATE) throw cardError(sw, "reading an oversized certificate");
    }
    const out = new Uint8Array(offset);
    let at = 0;
    for (const chunk of chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    return out;
  }

  /** Has the card sign the challenge (after the PIN); answers the DER ECDSA signature. */
  async sign(challenge: Uint8Array): Promise<Uint8Array> {
    const { data, sw } = await this.send(command.sign(challenge));
    if (sw === 0x9000 && data.length > 0) return data;
    if (sw === 0x6983) throw blocked();
    throw cardError(sw, "signing the challenge");
  }

  private async send(apdu: Uint8Array): Promise<ResponseApdu> {
    return splitResponse(await this.channel.transmit(apdu));
  }
}

function blocked(): AppError {
  return new AppError(
    "CARD_BLOCKED",
    "The card is blocked after 3 wrong PINs. Ask your Delegated Administrator for a new card, or sign in with two-factor authentication.",
    { triesLeft: 0 },
  );
}

function cardError(sw: number, doing: string): AppError {
  return new AppError("CARD_ERROR", `The card refused ${doing} (status ${swHex(sw)}).`, { sw: swHex(sw) });
}
