import i18next from "i18next";
import { beforeAll, describe, expect, it } from "vitest";
import { type Room, roomSchema } from "../../../shared/wire/room.js";
import { roomCsv, roomCsvFileName } from "../../../renderer/features/room/room-csv.js";
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

const room: Room = roomSchema.parse({
  phase: "parallel-run",
  now: "2023-05-29T01:30:00.000Z",
  since: { at: "2023-05-29T01:00:00.000Z", realAt: "2026-12-07T01:00:00.000Z" },
  trainees: [
    {
      userId: "demo.da",
      displayName: "Wong, Siu Ming",
      role: "da",
      participant: "CP001",
      participantName: "Demo Securities Limited",
      signedIn: true,
      lockedUntil: null,
      step: "desktop",
      lastActivityAt: "2023-05-29T01:20:00.000Z",
      lastActivityRealAt: "2026-12-07T01:20:00.000Z",
      practice: {
        done: 1,
        applicable: 3,
        items: [
          { id: "otp-sign-in", done: true, pending: false },
          { id: "da-email-application", done: false, pending: true },
          { id: "connectivity-check", done: false, pending: false },
        ],
      },
    },
    {
      userId: "demo.user",
      displayName: "=cmd",
      role: "user",
      participant: "CP001",
      participantName: "Demo Securities Limited",
      signedIn: false,
      lockedUntil: "2023-05-29T01:45:00.000Z",
      step: "password",
      lastActivityAt: "2023-05-29T01:29:00.000Z",
      lastActivityRealAt: null,
      practice: { done: 0, applicable: 1, items: [{ id: "otp-sign-in", done: false, pending: false }] },
    },
  ],
});
const exportedAt = new Date("2026-12-07T01:35:00.000Z");

describe("the room as CSV", () => {
  it("writes a row per trainee in English, every time in Hong Kong time, formulas defused", () => {
    const lines = roomCsv(room, i18n.getFixedT("en"), "en", exportedAt).split("\r\n");
    expect(lines[0]).toBe("\uFEFFThe room");
    expect(lines).toContain('Exported at,"7 Dec 2026, 9:35:00 am HKT"');
    expect(lines).toContain('Since the start over of,"7 Dec 2026, 9:00:00 am HKT"');
    expect(lines).toContain(
      `demo.da,"Wong, Siu Ming",Delegated Administrator,CP001 Demo Securities Limited,Signed in,,Desktop,1,3,Sign in with the emailed one-time password,"As a DA, apply to HKEX for a DA's email","29 May 2023, 9:20:00 am HKT","7 Dec 2026, 9:20:00 am HKT"`,
    );
    expect(lines).toContain(
      `demo.user,'=cmd,User,CP001 Demo Securities Limited,Not signed in,"29 May 2023, 9:45:00 am HKT",Password,0,1,,,"29 May 2023, 9:29:00 am HKT",`,
    );
  });

  it("writes the same in Traditional Chinese", () => {
    const csv = roomCsv(room, i18n.getFixedT("zh-HK"), "zh-HK", exportedAt);
    expect(csv).toContain("培訓室");
    expect(csv).toContain("已登入");
    expect(csv).toContain("2023年5月29日");
    expect(csv).toContain("HKT");
    expect(csv).not.toMatch(/Signed in|Desktop|Password/);
  });

  it("names the file by the export's Hong Kong time", () => {
    expect(roomCsvFileName(new Date("2026-12-06T16:30:00.000Z"))).toBe("ccms-room-2026-12-07-0030.csv");
  });
});
