import { AppError } from "../../shared/errors.js";
import { CardApplet, memoryCardStore, type CardStore } from "./applet.js";
import { fileCardStore } from "./file-card-store.js";
import type { CardFile } from "./card-file.js";

export const SIMULATED_READER_NAME = "CCMS Simulated Reader";

type SimulatedEvent = { type: "card-inserted" | "card-removed"; reader: string };

/**
 * A reader built into the app for machines without PC/SC: the same applet as
 * the virtual card, called in-process. Shaped like the smartcard service's
 * reader backend, which the composition root hands it to.
 */
export class SimulatedReader {
  readonly kind = "simulated" as const;
  private applet: CardApplet | undefined;
  /** Bumped at each insert or removal, so a channel to a removed card fails. */
  private generation = 0;
  private readonly listeners = new Set<(event: SimulatedEvent) => void>();

  constructor(readonly name: string = SIMULATED_READER_NAME) {}

  /** Inserts a card from its file; the PIN try counter is written back to the file. */
  insertFile(path: string): { userId: string; triesLeft: number } {
    return this.insertStore(fileCardStore(path));
  }

  insertCard(card: CardFile): { userId: string; triesLeft: number } {
    return this.insertStore(memoryCardStore(card));
  }

  remove(): void {
    if (!this.applet) return;
    this.applet = undefined;
    this.generation++;
    this.emit({ type: "card-removed", reader: this.name });
  }

  get cardPresent(): boolean {
    return this.applet !== undefined;
  }

  async listReaders(): Promise<{ name: string; cardPresent: boolean }[]> {
    return [{ name: this.name, cardPresent: this.cardPresent }];
  }

  async connect(reader: string): Promise<{
    transmit(apdu: Uint8Array): Promise<Uint8Array>;
    close(): Promise<void>;
  }> {
    if (reader !== this.name) throw new AppError("NO_READER", `The reader "${reader}" is not connected.`);
    const applet = this.applet;
    if (!applet) throw new AppError("NO_CARD", "There is no card in the reader. Insert your CCMS smartcard.");
    const generation = this.generation;
    applet.reset();
    return {
      transmit: async (apdu) => {
        if (generation !== this.generation) {
          throw new AppError("CARD_REMOVED", "The card was removed before sign-in finished.");
        }
        return applet.process(apdu);
      },
      close: async () => applet.reset(),
    };
  }

  async watch(listener: (event: SimulatedEvent) => void): Promise<() => void> {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.listeners.clear();
  }

  private insertStore(store: CardStore): { userId: string; triesLeft: number } {
    const applet = new CardApplet(store);
    if (this.applet) this.remove();
    this.applet = applet;
    this.generation++;
    this.emit({ type: "card-inserted", reader: this.name });
    return { userId: applet.userId, triesLeft: applet.triesLeft };
  }

  private emit(event: SimulatedEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
