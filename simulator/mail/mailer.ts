import { normalizeUserId } from "../../shared/user-id.js";
import { type OutboxStore } from "../store/storage.js";
import { type MailTransport, type OutgoingMail } from "./transport.js";

/** Sends through the configured transport and records every message, delivered or failed, in the outbox. */
export class Mailer {
  constructor(
    private readonly outbox: OutboxStore,
    public transport: MailTransport,
    private readonly now: () => number,
  ) {}

  async send(message: OutgoingMail): Promise<void> {
    const base = {
      to: message.to,
      userId: message.userId === undefined ? null : normalizeUserId(message.userId),
      subject: message.subject,
      text: message.text,
      html: message.html ?? null,
      otp: message.otp ?? null,
    };
    try {
      await this.transport.send(message);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await this.outbox.record({
        ...base,
        sentAt: this.now(),
        status: "failed",
        error: reason.slice(0, 500),
      });
      throw error;
    }
    await this.outbox.record({ ...base, sentAt: this.now(), status: "delivered", error: null });
  }
}
