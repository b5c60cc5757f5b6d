import { AppError } from "../../../shared/errors.js";

/** What the app was doing when PC/SC failed: the same failure means different things. */
export type PcscStage = "context" | "list" | "connect" | "transmit";

/**
 * Maps the `smartcard` package's errors (plain Errors with PC/SC's message) to our codes. The same
 * return code means different things per system: on Windows 8 and later the Smart Card service runs
 * only while a reader is plugged in, so SCARD_E_NO_SERVICE ("PC/SC service not running") there
 * means "no reader", not a service to start.
 */
export function pcscError(
  error: unknown,
  stage: PcscStage,
  reader?: string,
  platform: NodeJS.Platform = process.platform,
): AppError {
  if (error instanceof AppError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const is = (...needles: string[]) => needles.some((needle) => message.includes(needle));
  if (is("service not running", "service stopped", "Context is not valid")) {
    return platform === "win32" ? noReader(reader) : pcscUnavailable(platform);
  }
  if (is("No readers available", "Unknown reader", "Reader unavailable")) return noReader(reader);
  if (
    is(
      "No smart card present",
      "Card was removed",
      "Card is unpowered",
      "Card was reset",
      "Card is not connected",
    )
  ) {
    return stage === "transmit" ? cardRemoved() : noCard(reader);
  }
  if (is("Card is unresponsive", "Card is not supported", "Invalid ATR", "Unknown card type")) {
    return new AppError("UNKNOWN_CARD", "The card in the reader does not answer like a CCMS smartcard.", {
      reason: message,
    });
  }
  if (is("Sharing violation")) {
    return new AppError("CARD_ERROR", "Another program is using the card. Close it and try again.", {
      reason: message,
    });
  }
  return new AppError("CARD_ERROR", `The smartcard reader failed: ${message}.`, { reason: message });
}

/** The smartcard service is not there: what to do about it on this system. */
export function pcscUnavailable(platform: NodeJS.Platform = process.platform): AppError {
  const hints: Partial<Record<NodeJS.Platform, string>> = {
    linux:
      "The smartcard service (pcscd) is not running. Start it (sudo systemctl start pcscd.socket), or install it (sudo apt-get install pcscd), or use two-factor authentication.",
    darwin:
      "macOS's smartcard service did not answer. Plug the reader in again; if that does not help, restart the Mac, or use two-factor authentication.",
    win32:
      "Windows' Smart Card service did not answer. Plug the reader in again (Windows starts the service when a reader is plugged in), or use two-factor authentication.",
  };
  return new AppError(
    "PCSC_UNAVAILABLE",
    hints[platform] ??
      "The system's smartcard service (PC/SC) is not running. Start it, or use two-factor authentication.",
  );
}

export function noReader(reader?: string): AppError {
  return new AppError(
    "NO_READER",
    reader
      ? `The reader "${reader}" is not connected. Plug it in or choose another reader.`
      : "No smartcard reader is connected. Plug one in.",
    reader ? { reader } : undefined,
  );
}

export function noCard(reader?: string): AppError {
  return new AppError(
    "NO_CARD",
    "There is no card in the reader. Insert your CCMS smartcard.",
    reader ? { reader } : undefined,
  );
}

export function cardRemoved(): AppError {
  return new AppError(
    "CARD_REMOVED",
    "The card was removed before sign-in finished. Insert it again and start over.",
  );
}
