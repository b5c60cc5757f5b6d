import { describe, expect, it } from "vitest";
import { statusError, transportError } from "../../../electron/services/http/to-app-error.js";

const server = "https://sso.example.com";
const networkFailure = (code: string) => Object.assign(new Error(code), { code });

describe("transport errors", () => {
  it.each([
    ["ECONNREFUSED", "SERVER_UNREACHABLE"],
    ["EHOSTUNREACH", "SERVER_UNREACHABLE"],
    ["ENOTFOUND", "SERVER_UNREACHABLE"],
    ["ETIMEDOUT", "SERVER_TIMEOUT"],
    ["ECONNABORTED", "SERVER_TIMEOUT"],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", "TLS_UNTRUSTED"],
    ["SELF_SIGNED_CERT_IN_CHAIN", "TLS_UNTRUSTED"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", "TLS_UNTRUSTED"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", "TLS_HOSTNAME_MISMATCH"],
    ["CERT_HAS_EXPIRED", "TLS_EXPIRED"],
  ])("%s → %s", (code, expected) => {
    expect(transportError(networkFailure(code), server).code).toBe(expected);
  });

  it("reads the code of the cause when the outer error has a generic one", () => {
    const error = Object.assign(new Error("Network Error"), {
      code: "ERR_NETWORK",
      cause: { code: "CERT_HAS_EXPIRED" },
    });
    expect(transportError(error, server).code).toBe("TLS_EXPIRED");
  });
});

describe("HTTP status errors", () => {
  it("5xx is SERVER_ERROR whatever the body", () => {
    expect(statusError(503, { error: { code: "INVALID_OTP", message: "x" } }, server).code).toBe(
      "SERVER_ERROR",
    );
  });

  it("passes a 4xx error body through with its code and message", () => {
    const error = statusError(
      401,
      { error: { code: "INVALID_CREDENTIALS", message: "Wrong user ID or password." } },
      server,
    );
    expect(error.code).toBe("INVALID_CREDENTIALS");
    expect(error.message).toBe("Wrong user ID or password.");
  });

  it("a 4xx without an error body, or with an unknown code, is PROTOCOL_ERROR", () => {
    expect(statusError(400, "<html>", server).code).toBe("PROTOCOL_ERROR");
    expect(statusError(400, { error: { code: "NO_SUCH_CODE", message: "x" } }, server).code).toBe(
      "PROTOCOL_ERROR",
    );
  });
});
