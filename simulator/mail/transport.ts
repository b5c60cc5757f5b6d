/** One email as the simulator sends it. `otp` is kept only so the simulated mailbox can show it. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  otp?: string;
  /** The user it concerns (for the mailbox's ?userId= query); never sent. */
  userId?: string;
}

/** Where mail goes: the in-app outbox (default) or SMTP. Throws when delivery fails. */
export interface MailTransport {
  send(message: OutgoingMail): Promise<void>;
  close?(): Promise<void>;
}

/** Delivery is the outbox record itself: nothing leaves the machine. */
export const inAppTransport: MailTransport = {
  async send() {},
};
