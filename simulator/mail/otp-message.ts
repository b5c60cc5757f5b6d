import { otpSubject, renderOtpHtml } from "./otp-mail-html.js";
import { type OutgoingMail } from "./transport.js";

export interface OtpMessageInput {
  to: string;
  userId: string;
  displayName: string;
  otp: string;
  expiresAt: Date;
  validMinutes: number;
}

/** Hong Kong time, as participants read it: 2023-05-29 09:30 HKT. */
export function formatHkt(at: Date): string {
  const hkt = new Date(at.getTime() + 8 * 3600_000).toISOString();
  return `${hkt.slice(0, 10)} ${hkt.slice(11, 16)} HKT`;
}

/** The OTP email, English then Traditional Chinese, plain text. */
export function buildOtpMessage(input: OtpMessageInput): OutgoingMail {
  const until = formatHkt(input.expiresAt);
  const text = [
    `Dear ${input.displayName},`,
    "",
    `Your one-time password (OTP) for signing in to CCMS as ${input.userId} is:`,
    "",
    `    ${input.otp}`,
    "",
    `It is valid for ${input.validMinutes} minutes (until ${until}) and can be used once.`,
    "If you did not try to sign in, do not share this code; tell your Delegated Administrator.",
    "",
    "HKEX CCMS Two-Factor Authentication",
    "",
    "────────────────────────",
    "",
    `${input.displayName} 您好：`,
    "",
    `您以 ${input.userId} 登入 CCMS 的一次性密碼（OTP）為：`,
    "",
    `    ${input.otp}`,
    "",
    `此密碼於 ${input.validMinutes} 分鐘內（至 ${until}）有效，只可使用一次。`,
    "如您並未嘗試登入，請勿透露此密碼，並通知您的授權管理員。",
    "",
    "香港交易所 CCMS 雙重認證",
    "",
  ].join("\n");
  return {
    to: input.to,
    userId: input.userId,
    subject: otpSubject,
    text,
    html: renderOtpHtml({ ...input, untilText: until }),
    otp: input.otp,
  };
}
