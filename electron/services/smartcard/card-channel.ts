/**
 * The one interface the smartcard service speaks through. A backend is a set
 * of readers (PC/SC, or the built-in simulated reader); a channel is an open
 * connection to the card in one reader.
 */
export type ReaderBackendKind = "pcsc" | "simulated";

export interface ReaderInfo {
  name: string;
  cardPresent: boolean;
}

export type ReaderEvent =
  | { type: "reader-added" | "reader-removed"; reader: string }
  | { type: "card-inserted" | "card-removed"; reader: string }
  /** The backend stopped working (pcscd went away); a later list or watch says why. */
  | { type: "service-lost" };

export interface CardChannel {
  /** Sends a command APDU, answers the response APDU (data + SW1 SW2). */
  transmit(apdu: Uint8Array): Promise<Uint8Array>;
  close(): Promise<void>;
}

export interface ReaderBackend {
  readonly kind: ReaderBackendKind;
  /** Throws an AppError (PCSC_UNAVAILABLE, NATIVE_MODULE_MISSING) when the backend cannot work here. */
  listReaders(): Promise<ReaderInfo[]>;
  /** Throws NO_READER or NO_CARD. */
  connect(reader: string): Promise<CardChannel>;
  /** Streams reader and card changes; returns the unsubscribe. */
  watch(listener: (event: ReaderEvent) => void): Promise<() => void>;
  close(): Promise<void>;
}
