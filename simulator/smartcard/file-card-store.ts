import type { CardStore } from "./applet.js";
import { readCardFile, writeCardFile, type CardFile } from "./card-file.js";

/** A card whose PIN try counter is written back to its file, so a blocked card stays blocked. */
export function fileCardStore(path: string): CardStore {
  const card: CardFile = readCardFile(path);
  return {
    card,
    saveTriesLeft(triesLeft) {
      card.pin.triesLeft = triesLeft;
      writeCardFile(path, card);
    },
  };
}
