import { describe, expect, it } from "vitest";
import { pcscError, pcscUnavailable } from "../../../electron/services/smartcard/pcsc-errors.js";

/**
 * PC/SC's return codes, and the message the `smartcard` package gives each (its src/pcsc_errors.h):
 * the package's errors carry the message only, so the message is what the app maps.
 */
const returnCodes = {
  SCARD_E_NO_SERVICE: { value: 0x8010001d, message: "PC/SC service not running" },
  SCARD_E_SERVICE_STOPPED: { value: 0x8010001e, message: "PC/SC service stopped" },
  SCARD_E_NO_READERS_AVAILABLE: { value: 0x8010002e, message: "No readers available" },
  SCARD_E_UNKNOWN_READER: { value: 0x80100009, message: "Unknown reader" },
  SCARD_E_READER_UNAVAILABLE: { value: 0x80100017, message: "Reader unavailable" },
  SCARD_E_NO_SMARTCARD: { value: 0x8010000c, message: "No smart card present" },
  SCARD_W_REMOVED_CARD: { value: 0x80100069, message: "Card was removed" },
  SCARD_W_RESET_CARD: { value: 0x80100068, message: "Card was reset" },
  SCARD_W_UNRESPONSIVE_CARD: { value: 0x80100066, message: "Card is unresponsive" },
  SCARD_E_SHARING_VIOLATION: { value: 0x8010000b, message: "Sharing violation" },
  SCARD_F_COMM_ERROR: { value: 0x80100013, message: "Communication error" },
} as const;
type ReturnCode = keyof typeof returnCodes;

describe("PC/SC errors become codes a person can act on, per system", () => {
  it.each<[ReturnCode, "context" | "list" | "connect" | "transmit", NodeJS.Platform, string]>([
    // Windows 8 and later stop the Smart Card service while no reader is plugged in.
    ["SCARD_E_NO_SERVICE", "context", "win32", "NO_READER"],
    ["SCARD_E_NO_SERVICE", "list", "win32", "NO_READER"],
    ["SCARD_E_SERVICE_STOPPED", "list", "win32", "NO_READER"],
    ["SCARD_E_NO_SERVICE", "context", "linux", "PCSC_UNAVAILABLE"],
    ["SCARD_E_SERVICE_STOPPED", "list", "linux", "PCSC_UNAVAILABLE"],
    ["SCARD_E_NO_SERVICE", "context", "darwin", "PCSC_UNAVAILABLE"],
    ["SCARD_E_NO_READERS_AVAILABLE", "list", "win32", "NO_READER"],
    ["SCARD_E_NO_READERS_AVAILABLE", "list", "linux", "NO_READER"],
    ["SCARD_E_UNKNOWN_READER", "connect", "linux", "NO_READER"],
    ["SCARD_E_READER_UNAVAILABLE", "connect", "darwin", "NO_READER"],
    ["SCARD_E_NO_SMARTCARD", "connect", "win32", "NO_CARD"],
    ["SCARD_W_REMOVED_CARD", "connect", "linux", "NO_CARD"],
    ["SCARD_W_REMOVED_CARD", "transmit", "win32", "CARD_REMOVED"],
    ["SCARD_W_RESET_CARD", "transmit", "linux", "CARD_REMOVED"],
    ["SCARD_W_UNRESPONSIVE_CARD", "connect", "win32", "UNKNOWN_CARD"],
    ["SCARD_E_SHARING_VIOLATION", "connect", "win32", "CARD_ERROR"],
    ["SCARD_F_COMM_ERROR", "transmit", "linux", "CARD_ERROR"],
  ])("%s while %s on %s → %s", (name, stage, platform, code) => {
    const error = pcscError(new Error(returnCodes[name].message), stage, "Reader 0", platform);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(20);
  });

  it("hints by system where the service is missing: systemctl on Linux only", () => {
    const linux = pcscUnavailable("linux").message;
    expect(linux).toContain("sudo systemctl start pcscd");
    for (const platform of ["win32", "darwin"] as const) {
      const message = pcscError(
        new Error(returnCodes.SCARD_E_NO_SERVICE.message),
        "context",
        undefined,
        platform,
      ).message;
      expect(message, platform).not.toMatch(/systemctl|pcscd|sudo|apt-get/);
    }
    expect(pcscUnavailable("darwin").message).toContain("restart the Mac");
    expect(pcscUnavailable("win32").message).toContain(
      "Windows starts the service when a reader is plugged in",
    );
  });

  it("names the reader when it is the reader that is missing", () => {
    expect(pcscError(new Error("Unknown reader"), "connect", "ACS ACR39U 00 00").message).toContain(
      "ACS ACR39U",
    );
    expect(
      pcscError(new Error("PC/SC service not running"), "connect", "ACS ACR39U 00 00", "win32").message,
    ).toContain("ACS ACR39U");
  });
});
