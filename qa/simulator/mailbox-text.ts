import { type MailMessage, type Recipient } from "../types.js";

export function recipientName(recipient: Recipient): string {
  return "userId" in recipient ? `user ${recipient.userId}` : recipient.email;
}

/** What a mailbox held, for an error message: subjects, times and which carried a code, never the codes. */
export function describeMailbox(messages: readonly MailMessage[], alreadyRead: number): string {
  if (messages.length === 0)
    return "Their mailbox is empty: was the sign-in started, and does the user have an email address?";
  const lines = messages.map((message, index) => {
    const kind =
      message.otp === null ? "no code" : index < alreadyRead ? "a code already returned" : "a code";
    const failed = message.status === "failed" ? ", delivery failed" : "";
    return `  ${index + 1}. ${message.sentAt} to ${message.to}: "${message.subject}" (${kind}${failed})`;
  });
  return `Their mailbox holds ${messages.length} message(s), oldest first:\n${lines.join("\n")}`;
}
