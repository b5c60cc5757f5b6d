import { escapeHtml, renderHtmlDocument } from "./html-layout.js";
import { formatHkt } from "./otp-message.js";

export interface EmailChangedMailInput {
  userId: string;
  displayName: string;
  /** The masked new address (never the full one: the old owner may read this). */
  maskedNewEmail: string;
  /** The DA who made the change. */
  changedBy: string;
  changedAt: Date;
}

const SUBJECT = "CCMS 2FA email address changed / CCMS 雙重認證電郵地址已更改";

/** Sent to both the old and the new address when a DA registers or changes a user's email. */
export function renderEmailChangedMail(input: EmailChangedMailInput): {
  subject: string;
  text: string;
  html: string;
} {
  const at = formatHkt(input.changedAt);
  const text = [
    `Dear ${input.displayName},`,
    "",
    `The email address that receives one-time passwords for CCMS user ID ${input.userId} was changed to ${input.maskedNewEmail} by Delegated Administrator ${input.changedBy} at ${at}.`,
    "If you did not expect this change, contact your Delegated Administrator at once.",
    "",
    "—",
    "",
    `${input.displayName} 您好：`,
    "",
    `授權管理員 ${input.changedBy} 已於 ${at} 將 CCMS 用戶名稱 ${input.userId} 接收一次性密碼的電郵地址更改為 ${input.maskedNewEmail}。`,
    "如您並未預期此更改，請立即聯絡您的授權管理員。",
    "",
  ].join("\n");
  const name = escapeHtml(input.displayName);
  const user = escapeHtml(input.userId);
  const masked = escapeHtml(input.maskedNewEmail);
  const by = escapeHtml(input.changedBy);
  const when = escapeHtml(at);
  const html = renderHtmlDocument(SUBJECT, [
    {
      lang: "en",
      paragraphs: [
        `Dear ${name},`,
        `The email address that receives one-time passwords for CCMS user ID ${user} was changed to <strong>${masked}</strong> by Delegated Administrator ${by} at ${when}.`,
        "If you did not expect this change, contact your Delegated Administrator at once.",
      ],
    },
    {
      lang: "zh-HK",
      paragraphs: [
        `${name} 您好：`,
        `授權管理員 ${by} 已於 ${when} 將 CCMS 用戶名稱 ${user} 接收一次性密碼的電郵地址更改為 <strong>${masked}</strong>。`,
        "如您並未預期此更改，請立即聯絡您的授權管理員。",
      ],
    },
  ]);
  return { subject: SUBJECT, text, html };
}
