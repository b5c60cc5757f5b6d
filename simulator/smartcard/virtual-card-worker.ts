// A CCMS card served to the vsmartcard virtual reader (vpcd) from a thread of its own.
// pcscd waits on the card while the app's PC/SC calls wait on pcscd; were the card served from the
// app's own event loop, a call made meanwhile (a reader list, say) would wait for ever.
import { parentPort, workerData } from "node:worker_threads";
import { CardApplet, memoryCardStore } from "./applet.js";
import { cardFileSchema } from "./card-file.js";
import { insertVirtualCard, VPCD_HOST, VPCD_PORT } from "./vpcd-card.js";

/** What the thread says to the app. */
export type VirtualCardMessage =
  | { type: "inserted" }
  | { type: "failed"; message: string }
  /** vpcd closed the connection (pcscd stopped): the card is out. */
  | { type: "removed" };

/** What the app hands the thread: the card file's content, and where vpcd listens. */
export interface VirtualCardData {
  card: unknown;
  host?: string;
  port?: number;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const data = workerData as VirtualCardData;
  const say = (message: VirtualCardMessage) => port.postMessage(message);
  const card = cardFileSchema.safeParse(data.card);
  if (!card.success) return say({ type: "failed", message: "This is not a card file." });
  try {
    const inserted = await insertVirtualCard(new CardApplet(memoryCardStore(card.data)), {
      host: data.host ?? VPCD_HOST,
      port: data.port ?? VPCD_PORT,
    });
    port.on("message", (message) => {
      if (message === "remove") void inserted.remove();
    });
    void inserted.closed.then(() => {
      say({ type: "removed" });
      port.close();
    });
    say({ type: "inserted" });
  } catch (error) {
    say({ type: "failed", message: error instanceof Error ? error.message : String(error) });
    port.close();
  }
}

void main();
