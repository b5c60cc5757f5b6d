import { setTimeout as sleep } from "node:timers/promises";
import {
  VIRTUAL_PCSC_READER,
  type PracticeCardDestination,
  type PracticeCardInfo,
} from "../../shared/contract/practice-card.js";
import type { SmartcardStatus } from "../../shared/contract/smartcard.js";
import { AppError, isAppError } from "../../shared/errors.js";
import { cardFileSchema, type CardFile } from "../../simulator/smartcard/card-file.js";
import type { SimulatedReader } from "../../simulator/smartcard/simulated-reader.js";
import type { HostContext } from "./context.js";
import type { SimulatorAccess } from "./simulator-access.js";
import { insertVirtualCardThread, type VirtualCard } from "./virtual-card-thread.js";

/** How long an inserted virtual card may take to show in PC/SC's reader list. */
const PCSC_SHOW_MS = 5_000;

export interface PracticeCardDeps {
  access: SimulatorAccess;
  simulated: SimulatedReader;
  /** The readers now. */
  readers: () => Promise<SmartcardStatus>;
  /** The readers now, told to the page too. */
  publish: () => Promise<SmartcardStatus>;
}

/**
 * A practice smartcard without a command line: the simulator issues the card
 * through its control API, and its content goes straight into a reader, the
 * built-in simulated one, or the vsmartcard virtual reader in pcscd (served
 * from a thread of this process, as `npm run virtual-card` would). No file is written.
 */
export class PracticeCards {
  private virtual: VirtualCard | undefined;

  constructor(
    private readonly ctx: HostContext,
    private readonly deps: PracticeCardDeps,
  ) {
    ctx.onClose(async () => {
      await this.removeVirtual();
    });
  }

  async info(): Promise<PracticeCardInfo> {
    const userId = this.signingIn();
    const virtualReader = VIRTUAL_PCSC_READER;
    const control = await this.deps.access.control();
    if (control.kind === "none") {
      return { userId: userId ?? null, canIssue: false, reason: "no-control", virtualReader };
    }
    if (userId === undefined) return { userId: null, canIssue: false, reason: "no-login", virtualReader };
    const holder = await control.client.user(userId).then(
      (user) => user.hasSmartcard,
      (error: unknown) => {
        if (isAppError(error) && error.code === "NOT_FOUND") return false;
        throw error;
      },
    );
    return holder
      ? { userId, canIssue: true, reason: null, virtualReader }
      : { userId, canIssue: false, reason: "no-card", virtualReader };
  }

  async issue(input: { pin: string; into: PracticeCardDestination }): Promise<{
    status: SmartcardStatus;
    reader: string;
    userId: string;
  }> {
    const client = await this.deps.access.requireControl();
    const userId = this.signingIn();
    if (userId === undefined) {
      throw new AppError(
        "NO_LOGIN_IN_PROGRESS",
        "A practice card is issued for the user signing in; sign in with the password first.",
      );
    }
    const card = toCardFile(await client.issueCard({ userId, pin: input.pin }));
    if (await this.removeVirtual()) await this.virtualReaderShows(false);
    if (input.into === "simulated") {
      this.deps.simulated.insertCard(card);
      return { status: await this.deps.publish(), reader: this.deps.simulated.name, userId: card.userId };
    }
    await this.insertVirtual(card);
    return { status: await this.virtualReaderShows(true), reader: VIRTUAL_PCSC_READER, userId: card.userId };
  }

  private signingIn(): string | undefined {
    try {
      return this.ctx.auth().currentUserId;
    } catch {
      return undefined;
    }
  }

  private async insertVirtual(card: CardFile): Promise<void> {
    let inserted: VirtualCard;
    try {
      inserted = await insertVirtualCardThread(card);
    } catch (error) {
      throw new AppError(
        "PCSC_UNAVAILABLE",
        `The virtual reader ${VIRTUAL_PCSC_READER} is not there: it needs pcscd running with vsmartcard-vpcd. Put the card in the simulated reader instead.`,
        { reason: error instanceof Error ? error.message : String(error) },
      );
    }
    this.virtual = inserted;
    void inserted.closed.then(() => {
      if (this.virtual === inserted) this.virtual = undefined;
    });
  }

  /**
   * The readers once PC/SC shows the virtual reader with a card (or empty), or as they are after a
   * while: pcscd notices a card coming or going in its own time, and a card just taken out must
   * not be mistaken for the new one.
   */
  private async virtualReaderShows(cardPresent: boolean): Promise<SmartcardStatus> {
    const deadline = Date.now() + PCSC_SHOW_MS;
    for (;;) {
      const status = await this.deps.readers();
      const shown = status.readers.some(
        (r) => r.name === VIRTUAL_PCSC_READER && r.cardPresent === cardPresent,
      );
      if (shown || Date.now() >= deadline) return this.deps.publish();
      await sleep(100);
    }
  }

  /** Takes out the practice card served to the virtual reader, if there is one (true when there was). */
  private async removeVirtual(): Promise<boolean> {
    const card = this.virtual;
    this.virtual = undefined;
    await card?.remove();
    return card !== undefined;
  }
}

function toCardFile(value: unknown): CardFile {
  const parsed = cardFileSchema.safeParse(value);
  if (!parsed.success) {
    throw new AppError("PROTOCOL_ERROR", "The simulator's card was not a card this app can read.");
  }
  return parsed.data;
}
