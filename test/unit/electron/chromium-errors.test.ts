import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { errorCodes } from "../../../shared/errors.js";
import { netProblemKinds } from "../../../shared/net-problems.js";
import { browserFetch } from "../../../electron/services/http/browser-fetch.js";
import type { BrowserNet } from "../../../electron/services/http/browser-net.js";
import {
  chromiumErrorNameOf,
  chromiumErrors,
  chromiumProblem,
} from "../../../electron/services/http/chromium-errors.js";
import { errorText } from "../../../renderer/i18n/error-text.js";
import en from "../../../renderer/i18n/en.json";
import zhHK from "../../../renderer/i18n/zh-HK.json";

const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.init({
    lng: "en",
    resources: { en: { translation: en }, "zh-HK": { translation: zhHK } },
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
});

const table = Object.entries(chromiumErrors);
const place = { server: "https://sso.hkexposttrade.com.hk", proxy: "proxy.cp.example:8080" };

/** A stack that fails every request with `net::<name>`, as Electron's `net` module rejects. */
const failingNet = (name: string): BrowserNet => ({
  fetch: () => Promise.reject(new Error(`net::${name}`)),
  resolveProxy: async () => "PROXY proxy.cp.example:8080; DIRECT",
});

describe("Chromium's network errors, each mapped to a named problem and worded in both languages", () => {
  it("covers every kind of problem, with codes the app knows", () => {
    expect(new Set(table.map(([, meaning]) => meaning.kind))).toEqual(new Set(netProblemKinds));
    for (const [name, meaning] of table) expect(errorCodes, name).toContain(meaning.code);
  });

  it.each(table)(
    "net::%s → its code, its kind, and its words in English and Chinese",
    async (name, meaning) => {
      // What the sign-in's fetch makes of Electron's rejection, proxy named when the failure is the proxy's.
      const failure = await browserFetch({ net: failingNet(name), credentialsFor: async () => null })(
        `${place.server}/sso/api/v1/authn`,
      ).then(
        () => null,
        (error: unknown) => error,
      );
      const expected = chromiumProblem(name, {
        server: place.server,
        proxy: meaning.code.startsWith("PROXY_") ? place.proxy : null,
      });
      if (name === "ERR_PROXY_AUTH_REQUESTED") {
        expect(failure).toMatchObject({ code: "PROXY_AUTH_REQUIRED", details: { proxy: place.proxy } });
      } else {
        expect(failure).toMatchObject({
          code: meaning.code,
          message: expected.message,
          details: expected.details,
        });
      }
      expect(expected.code).toBe(meaning.code);
      expect(expected.details).toMatchObject({ netError: name, netProblem: meaning.kind });
      expect(expected.message).toContain(`[net::${name}]`);

      for (const language of ["en", "zh-HK"]) {
        const text = errorText(i18n.getFixedT(language), {
          code: expected.code,
          details: expected.details ?? {},
        });
        expect(text, language).toContain(name);
        expect(text, language).not.toMatch(/\{\{|netProblems\./);
        if (meaning.code.startsWith("PROXY_") && meaning.kind !== "proxyScript")
          expect(text, language).toContain(place.proxy);
        if (language === "zh-HK") expect(text).toMatch(/[\u4e00-\u9fff]/);
      }
    },
  );

  it("reads Chromium's error from Electron's Error, and names an error it does not know as another failure", () => {
    expect(chromiumErrorNameOf(new Error("net::ERR_NAME_NOT_RESOLVED"))).toBe("ERR_NAME_NOT_RESOLVED");
    expect(chromiumErrorNameOf(new Error("Redirect was cancelled"))).toBeNull();
    const unknown = chromiumProblem("ERR_QUIC_PROTOCOL_ERROR", { server: place.server, proxy: null });
    expect(unknown).toMatchObject({
      code: "SERVER_UNREACHABLE",
      details: { netError: "ERR_QUIC_PROTOCOL_ERROR", netProblem: "other" },
    });
  });

  it("turns a proxy's 407 into a request for credentials naming the proxy, and refused ones into PROXY_AUTH_FAILED", async () => {
    // A proxy that refuses whatever it is given: Chromium asks again after each refusal.
    const challenged = (): BrowserNet => ({
      fetch: async (_request, login) => {
        const challenge = { isProxy: true, scheme: "basic", host: "10.0.0.8", port: 3128, realm: "cp" };
        for (let asked = 0; asked < 5; asked += 1) if (!(await login(challenge))) break;
        return new Response(null, { status: 407 });
      },
      resolveProxy: async () => "PROXY 10.0.0.8:3128",
    });
    const asked: string[] = [];
    const none = browserFetch({ net: challenged(), credentialsFor: async () => null });
    await expect(none("https://sso.example/")).rejects.toMatchObject({
      code: "PROXY_AUTH_REQUIRED",
      details: { proxy: "10.0.0.8:3128", credentialsSent: false, schemes: ["Basic"] },
    });
    const wrong = browserFetch({
      net: challenged(),
      credentialsFor: async (proxy) => {
        asked.push(proxy);
        return { username: "u", password: "wrong" };
      },
    });
    await expect(wrong("https://sso.example/")).rejects.toMatchObject({
      code: "PROXY_AUTH_FAILED",
      details: { proxy: "10.0.0.8:3128", credentialsSent: true },
    });
    // Asked again on the same request, the credentials are not offered a second time.
    expect(asked).toEqual(["10.0.0.8:3128"]);
  });
});
