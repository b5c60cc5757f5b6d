import { escapeHtml, renderHtmlDocument } from "./html-layout.js";
import { formatHkt } from "./otp-message.js";

export interface DaEmailProcessedMailInput {
  userId: string;
  displayName: string;
  /** The masked new address (never the full one: the old address's owner may read this). */
  maskedNewEmail: string;
  /** The DA who submitted the application. */
  submittedBy: string;
  submittedAt: Date;
  processedAt: Date;
}

const SUBJECT = "CCMS 2FA email address registered by HKEX / 香港交易所已登記 CCMS 雙重認證電郵地址";

/**
 * Sent to the old (if any) and the new address when HKEX processes a DA's email application: the
 * address now receives the DA's one-time passwords.
 */
export function renderDaEmailProcessedMail(input: DaEmailProcessedMailInput): {
  subject: string;
  text: string;
  html: string;
} {
  const submitted = formatHkt(input.submittedAt);
  const processed = formatHkt(input.processedAt);
  const text = [
    `Dear ${input.displayName},`,
    "",
    `HKEX has processed the application submitted by Delegated Administrator ${input.submittedBy} at ${submitted}: from ${processed}, one-time passwords for CCMS user ID ${input.userId} go to ${input.maskedNewEmail}.`,
    "If you did not expect this change, contact your participant's Delegated Administrators and HKEX at once.",
    "",
    "—",
    "",
    `${input.displayName} 您好：`,
    "",
    `香港交易所已處理授權管理員 ${input.submittedBy} 於 ${submitted} 提交的申請：由 ${processed} 起，CCMS 用戶名稱 ${input.userId} 的一次性密碼將發送至 ${input.maskedNewEmail}。`,
    "如您並未預期此更改，請立即聯絡貴結算參與者的授權管理員及香港交易所。",
    "",
  ].join("\n");
  const name = escapeHtml(input.displayName);
  const user = escapeHtml(input.userId);
  const masked = escapeHtml(input.maskedNewEmail);
  const by = escapeHtml(input.submittedBy);
  const html = renderHtmlDocument(SUBJECT, [
    {
      lang: "en",
      paragraphs: [
        `Dear ${name},`,
        `HKEX has processed the application submitted by Delegated Administrator ${by} at ${escapeHtml(submitted)}: from ${escapeHtml(processed)}, one-time passwords for CCMS user ID ${user} go to <strong>${masked}</strong>.`,
        "If you did not expect this change, contact your participant's Delegated Administrators and HKEX at once.",
      ],
    },
    {
      lang: "zh-HK",
      paragraphs: [
        `${name} 您好：`,
        `香港交易所已處理授權管理員 ${by} 於 ${escapeHtml(submitted)} 提交的申請：由 ${escapeHtml(processed)} 起，CCMS 用戶名稱 ${user} 的一次性密碼將發送至 <strong>${masked}</strong>。`,
        "如您並未預期此更改，請立即聯絡貴結算參與者的授權管理員及香港交易所。",
      ],
    },
  ]);
  return { subject: SUBJECT, text, html };
}
