import { describe, expect, it } from "vitest";
import zhHK from "../../../renderer/i18n/zh-HK.json";
import { englishSentences } from "../../support/english-sentences.js";

describe("finding English left in a Chinese screen", () => {
  it("finds sentences and English labels", () => {
    expect(englishSentences("系統解析器：no such name [NXDOMAIN]（2 毫秒）")).toEqual(["no such name"]);
    expect(englishSentences("伺服器：Built-in simulator")).toEqual(["Built-in simulator"]);
    expect(
      englishSentences("設定檔無效：network.proxy: expected http://host:port, without a user name"),
    ).toEqual(["expected  , without a user name"]);
    expect(
      englishSentences("The certificate has expired (valid until 2023-05-29T00:00:00.000Z)."),
    ).toHaveLength(1);
  });

  it("lets names, codes, addresses, user IDs and e-mail addresses stay", () => {
    const allowed = [
      "用戶 demo.user（Chan Tai Man），CP001 Demo Securities Limited，HKSCC",
      "d***@cp001.example.com 及 https://sso.hkexposttrade.com.hk/sso?x=1",
      "GET https://127.0.0.1:8443/sso → 200 OK，text/html; charset=utf-8，1234 位元組",
      "代理伺服器 proxy.corp:8080、[::1]:3128，PROXY 127.0.0.1:9; DIRECT",
      "主體：CN=CCMS 2FA Simulator，簽發者：CN=CCMS 2FA Simulator CA, O=CCMS Terminal Emulator",
      "TLSv1.3，TLS_AES_256_GCM_SHA384；標題：「HKEX CCMS Single Sign-On – Sign in」",
      "讀卡器 CCMS Simulated Reader、Virtual PCD 00 00；檔案 /tmp/ccms-qa/card.json、C:\\Users\\it\\ca.pem",
      "以 --ca 提供；GNOME Keyring 或 KWallet；HTTPS_PROXY；ECONNREFUSED",
      "請開啟「npm run web」顯示的地址；npm run simulator -- card issue",
    ];
    for (const text of allowed) expect(englishSentences(text), text).toEqual([]);
  });

  it("finds none in the app's Chinese strings", () => {
    const found: string[] = [];
    const walk = (tree: object, prefix: string): void => {
      for (const [key, value] of Object.entries(tree)) {
        if (typeof value === "string")
          found.push(...englishSentences(value).map((text) => `${prefix}${key}: ${text}`));
        else if (typeof value === "object" && value !== null) walk(value as object, `${prefix}${key}.`);
      }
    };
    walk(zhHK, "");
    expect(found).toEqual([]);
  });
});
