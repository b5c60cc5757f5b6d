import { escapeHtml, renderHtmlDocument } from "./html-layout.js";

export interface OtpHtmlInput {
  userId: string;
  displayName: string;
  otp: string;
  validMinutes: number;
  /** "2023-05-29 09:35 HKT" */
  untilText: string;
}

export const otpSubject = "CCMS one-time password / CCMS 一次性密碼";

/** The HTML part of the OTP email: English then Traditional Chinese, the code set large in each. */
export function renderOtpHtml(input: OtpHtmlInput): string {
  const otp = `<strong style="font-size:24px;letter-spacing:6px;font-family:Consolas,monospace">${escapeHtml(input.otp)}</strong>`;
  const name = escapeHtml(input.displayName);
  const user = escapeHtml(input.userId);
  const until = escapeHtml(input.untilText);
  const minutes = String(input.validMinutes);
  return renderHtmlDocument(otpSubject, [
    {
      lang: "en",
      paragraphs: [
        `Dear ${name},`,
        `Your one-time password (OTP) for signing in to CCMS as <strong>${user}</strong> is:`,
        otp,
        `It is valid for ${minutes} minutes (until ${until}) and can be used once.`,
        "If you did not try to sign in, do not share this code; tell your Delegated Administrator.",
        "HKEX CCMS Two-Factor Authentication",
      ],
    },
    {
      lang: "zh-HK",
      paragraphs: [
        `${name} 您好：`,
        `您以 <strong>${user}</strong> 登入 CCMS 的一次性密碼（OTP）為：`,
        otp,
        `此密碼於 ${minutes} 分鐘內（至 ${until}）有效，只可使用一次。`,
        "如您並未嘗試登入，請勿透露此密碼，並通知您的授權管理員。",
        "香港交易所 CCMS 雙重認證",
      ],
    },
  ]);
}
