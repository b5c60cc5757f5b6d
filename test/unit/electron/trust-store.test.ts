import type https from "node:https";
import tls from "node:tls";
import { describe, expect, it } from "vitest";
import { createHttpClient, destroyHttpClient } from "../../../electron/services/http/create-http-client.js";
import { defaultTrust } from "../../../electron/services/http/trust-store.js";

const pem = (name: string) => `-----BEGIN CERTIFICATE-----\n${name}\n-----END CERTIFICATE-----\n`;

describe("the trust store of a server without a CA file", () => {
  it("is Node's roots and the system's, each once, where Node can read the system's (22.15+, Electron 38)", () => {
    const asked: string[] = [];
    const getCaCertificates = (type: "default" | "system") => {
      asked.push(type);
      return type === "default"
        ? [pem("mozilla-root"), pem("extra-ca")]
        : [pem("corporate-root"), pem("mozilla-root")];
    };
    expect(defaultTrust(getCaCertificates)).toEqual([
      pem("mozilla-root"),
      pem("extra-ca"),
      pem("corporate-root"),
    ]);
    expect(asked).toEqual(["default", "system"]);
  });

  it("is Node's own default where Node cannot read the system's (Node 20): no CA list is set", () => {
    expect(defaultTrust(undefined)).toBeUndefined();
  });

  it("falls back to Node's own default, with a warning, when the system's store cannot be read", () => {
    const warnings: string[] = [];
    const warn = console.warn;
    console.warn = (line: string) => warnings.push(line);
    try {
      expect(
        defaultTrust(() => {
          throw new Error("keychain locked");
        }),
      ).toBeUndefined();
    } finally {
      console.warn = warn;
    }
    expect(warnings).toEqual(["The system's trusted certificates could not be read: keychain locked"]);
  });

  it("is what the HTTP client trusts without a CA file, and a CA file replaces it", () => {
    const agentOf = (client: ReturnType<typeof createHttpClient>) =>
      client.defaults.httpsAgent as https.Agent;
    const plain = createHttpClient({ baseURL: "https://sso.example.com" });
    const withCa = createHttpClient({ baseURL: "https://sso.example.com", caPem: pem("own-ca") });
    try {
      const hasSystemStore = typeof (tls as { getCACertificates?: unknown }).getCACertificates === "function";
      expect(agentOf(plain).options.ca).toEqual(hasSystemStore ? defaultTrust() : undefined);
      expect(agentOf(withCa).options.ca).toBe(pem("own-ca"));
    } finally {
      destroyHttpClient(plain);
      destroyHttpClient(withCa);
    }
  });
});
