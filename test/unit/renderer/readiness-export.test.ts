import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReadinessBoard } from "../../../shared/wire/readiness.js";
import { boardCsv } from "../../../renderer/features/readiness/board-csv.js";
import { isPcName, pcNameFrom, pcNameOfReport } from "../../../renderer/features/readiness/pc-name.js";
import en from "../../../renderer/i18n/en.json";
import zhHK from "../../../renderer/i18n/zh-HK.json";

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({
    resources: { en: { translation: en }, "zh-HK": { translation: zhHK } },
    lng: "en",
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
});

const at = "2023-04-27T02:00:00.000Z";
const board: ReadinessBoard = {
  participant: "CP001",
  participantName: "Demo Securities Limited",
  phase: "smartcard-only",
  serverTime: at,
  deadlines: [{ id: "readinessDeadline", at: "2023-04-27T16:00:00.000Z", status: "upcoming", daysLeft: 1 }],
  users: {
    total: 2,
    notReady: 1,
    filter: "all",
    offset: 0,
    matching: 2,
    items: [
      {
        userId: "demo.user",
        displayName: 'Chan "Tai Man", Jr',
        role: "user",
        hasSmartcard: true,
        emailRegistered: true,
        maskedEmail: "d*******r@cp001.example.com",
        lockedUntil: "9999-12-31T23:59:59.000Z",
        first2faSignInAt: at,
        last2faSignInAt: at,
        lastSignIn: { at, method: "otp" },
        failedAttemptsSinceLastSignIn: 2,
        emailApplication: null,
        needs: ["locked"],
      },
      {
        userId: "demo.noemail",
        displayName: '=HYPERLINK("http://x")',
        role: "da",
        hasSmartcard: false,
        emailRegistered: false,
        maskedEmail: null,
        lockedUntil: null,
        first2faSignInAt: null,
        last2faSignInAt: null,
        lastSignIn: null,
        failedAttemptsSinceLastSignIn: 0,
        emailApplication: {
          maskedEmail: "n*****l@cp001.example.com",
          submittedBy: "demo.da",
          submittedAt: "2023-05-02T02:00:00.000Z",
          dueAt: "2023-05-16T01:00:00.000Z",
          late: true,
        },
        needs: ["da-email-processing"],
      },
    ],
  },
  pcs: {
    total: 1,
    failing: 1,
    results: 3,
    items: [
      {
        pcName: "PC-01",
        status: "fail",
        startedAt: at,
        failingStep: "tcp",
        target: "https://sso.hkexposttrade.com.hk/sso",
        source: "upload",
        fileName: "pc-01.json",
        submittedBy: "demo.da",
        submittedAt: at,
        resultCount: 3,
      },
    ],
  },
  verdict: { ready: false, reasons: [{ code: "pcs-failing", count: 1 }] },
};

describe("the board as CSV", () => {
  it("writes every block in English, Hong Kong time, quoted where needed, formulas defused", () => {
    const csv = boardCsv(board, i18n.getFixedT("en"), "en");
    expect(csv.startsWith("\uFEFFParticipant,CP001 Demo Securities Limited\r\n")).toBe(true);
    const lines = csv.split("\r\n");
    expect(lines).toContain("Verdict,CP001 is not ready yet");
    expect(lines).toContain(",1 terminal PC's latest connectivity check failed.");
    expect(lines).toContain("Deadline: email registration and connectivity check,28 Apr 2023,1 day left");
    const when = '"27 Apr 2023, 10:00:00 am HKT"';
    expect(lines).toContain(
      `demo.user,"Chan ""Tai Man"", Jr",User,d*******r@cp001.example.com,Yes,Until a DA unlocks it,${when},${when},${when},password and one-time password,2,Unlock the account,`,
    );
    expect(csv).toContain(
      `demo.noemail,"'=HYPERLINK(""http://x"")",Delegated Administrator,Not registered,No,,Never yet`,
    );
    // A DA's application being processed by HKEX, submitted late.
    expect(csv).toContain(
      `Wait for HKEX to process the DA's email,"Being processed by HKEX: n*****l@cp001.example.com, submitted 2 May 2023, 10:00:00 am HKT, expected 16 May 2023, 9:00:00 am HKT; Late"`,
    );
    expect(lines).toContain(
      'PC-01,Failed,"27 Apr 2023, 10:00:00 am HKT",Connection (TCP),Uploaded by demo.da,pc-01.json,3',
    );
  });

  it("writes the same in Traditional Chinese", () => {
    const csv = boardCsv(board, i18n.getFixedT("zh-HK"), "zh-HK");
    expect(csv).toContain("結算參與者,CP001 Demo Securities Limited");
    expect(csv).toContain("用戶編號");
    expect(csv).toContain("2023年4月28日");
    expect(csv).toContain("直至授權管理員解鎖");
    expect(csv).toContain("香港交易所處理中：n*****l@cp001.example.com");
    expect(csv).toContain("逾期提交");
  });
});

describe("PC names", () => {
  it.each([
    ["TERM-07.json", "TERM-07"],
    ["pc 12 (front desk).JSON", "pc-12-front-desk-"],
    ["ccms-check-2023-04-20T01-02-03-000Z.json", ""],
    ["__host.example.com", "host.example.com"],
    ["x".repeat(80), "x".repeat(63)],
  ])("makes %j into %j", (from, name) => {
    expect(pcNameFrom(from)).toBe(name);
  });

  it("takes the name written in a report by the installed app's --check, else the file's", () => {
    const report = (pcName: unknown) => JSON.stringify({ pcName, status: "pass" });
    expect(pcNameOfReport("results-0042.json", report("CP001-WS-42"))).toBe("CP001-WS-42");
    expect(pcNameOfReport("TERM-07.json", report("not a name!"))).toBe("TERM-07");
    expect(pcNameOfReport("TERM-07.json", JSON.stringify({ status: "pass" }))).toBe("TERM-07");
    expect(pcNameOfReport("TERM-07.json", "not json")).toBe("TERM-07");
    expect(pcNameOfReport("TERM-07.json", null)).toBe("TERM-07");
  });

  it("accepts what the server accepts", () => {
    expect(isPcName(" PC-1 ")).toBe(true);
    expect(isPcName("")).toBe(false);
    expect(isPcName("-pc")).toBe(false);
    expect(isPcName("pc/1")).toBe(false);
    expect(isPcName("p".repeat(64))).toBe(false);
  });
});
