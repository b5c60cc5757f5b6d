import { escapeHtml, renderHtmlDocument } from "./html-layout.js";
import { type RenderedMail } from "./rendered-mail.js";

export interface OtpMailInput {
  userId: string;
  displayName: string;
  otp: string;
  /** When the OTP stops working. */
  expiresAt: Date;
}

const SUBJECT = "CCMS Terminal one-time password / CCMS 終端機一次性密碼";

/** Hong Kong time, as both circulars state times, e.g. "2023-05-29 09:05 HKT". */
export function formatHongKongTime(at: Date): string {
  const hk = new Date(at.getTime() + 8 * 60 * 60 * 1000);
  const iso = hk.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} HKT`;
}

function validMinutes(input: OtpMailInput, now: Date): number {
  return Math.max(1, Math.round((input.expiresAt.getTime() - now.getTime()) / 60_000));
}

/** The OTP email in English and Traditional Chinese (text and HTML), the OTP in both. */
export function renderOtpMail(input: OtpMailInput, now: Date): RenderedMail {
  const minutes = validMinutes(input, now);
  const until = formatHongKongTime(input.expiresAt);
  const text = [
    `Dear ${input.displayName},`,
    "",
    `Your one-time password (OTP) for the CCMS Terminal (user ID ${input.userId}) is: ${input.otp}`,
    `It is valid for ${minutes} minutes (until ${until}) and can be used once.`,
    "If you did not try to sign in, contact your Delegated Administrator.",
    "",
    "—",
    "",
    `${input.displayName} 您好：`,
    "",
    `您的 CCMS 終端機（用戶名稱 ${input.userId}）一次性密碼為：${input.otp}`,
    `此密碼於 ${minutes} 分鐘內（至 ${until}）有效，只可使用一次。`,
    "如您並未嘗試登入，請聯絡您的授權管理員。",
    "",
  ].join("\n");
  const otp = `<strong style="font-size:22px;letter-spacing:4px">${escapeHtml(input.otp)}</strong>`;
  const name = escapeHtml(input.displayName);
  const user = escapeHtml(input.userId);
  const html = renderHtmlDocument(SUBJECT, [
    {
      lang: "en",
      paragraphs: [
        `Dear ${name},`,
        `Your one-time password (OTP) for the CCMS Terminal (user ID ${user}) is:`,
        otp,
        `It is valid for ${minutes} minutes (until ${escapeHtml(until)}) and can be used once.`,
        "If you did not try to sign in, contact your Delegated Administrator.",
      ],
    },
    {
      lang: "zh-HK",
      paragraphs: [
        `${name} 您好：`,
        `您的 CCMS 終端機（用戶名稱 ${user}）一次性密碼為：`,
        otp,
        `此密碼於 ${minutes} 分鐘內（至 ${escapeHtml(until)}）有效，只可使用一次。`,
        "如您並未嘗試登入，請聯絡您的授權管理員。",
      ],
    },
  ]);
  return { subject: SUBJECT, text, html };
}
