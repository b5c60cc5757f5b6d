import { describe, expect, it } from "vitest";
import { pcscError } from "../../../electron/services/smartcard/pcsc-errors.js";

/** The messages the `smartcard` package gives PC/SC's return codes (src/pcsc_errors.h). */
describe("PC/SC errors become codes a person can act on", () => {
  it.each([
    ["PC/SC service not running", "context", "PCSC_UNAVAILABLE"],
    ["PC/SC service stopped", "list", "PCSC_UNAVAILABLE"],
    ["No readers available", "list", "NO_READER"],
    ["Unknown reader", "connect", "NO_READER"],
    ["No smart card present", "connect", "NO_CARD"],
    ["Card was removed", "connect", "NO_CARD"],
    ["Card was removed", "transmit", "CARD_REMOVED"],
    ["Card was reset", "transmit", "CARD_REMOVED"],
    ["Card is unresponsive", "connect", "UNKNOWN_CARD"],
    ["Sharing violation", "connect", "CARD_ERROR"],
    ["Unknown PC/SC error", "transmit", "CARD_ERROR"],
  ] as const)("%s while %s → %s", (message, stage, code) => {
    const error = pcscError(new Error(message), stage, "Reader 0");
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(20);
  });

  it("names the reader when it is the reader that is missing", () => {
    expect(pcscError(new Error("Unknown reader"), "connect", "ACS ACR39U 00 00").message).toContain(
      "ACS ACR39U",
    );
  });
});
