import nodemailer, { type Transporter } from "nodemailer";
import { type SmtpConfig } from "./smtp-config.js";
import { type MailTransport, type OutgoingMail } from "./transport.js";

/** Thrown when the SMTP server is down, refuses the login or refuses the message. */
export class MailDeliveryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MailDeliveryError";
  }
}

/** Per-step limits so a stalled mail server cannot hold a login for minutes. */
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 15_000 } as const;

/** Sends mail through a real SMTP server with nodemailer; certificate checks always on. */
export class SmtpMailTransport implements MailTransport {
  readonly kind = "smtp";
  private readonly transporter: Transporter;

  constructor(private readonly config: SmtpConfig) {
    this.transporter = nodemailer.createTransport({
      host: config.host,
      port: config.port,
      secure: config.implicitTls,
      requireTLS: config.requireStartTls,
      auth: config.auth,
      ...(config.ca === undefined ? {} : { tls: { ca: config.ca } }),
      ...TIMEOUTS,
    });
  }

  async send(mail: OutgoingMail): Promise<void> {
    try {
      const info = await this.transporter.sendMail({
        from: this.config.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        ...(mail.html === undefined ? {} : { html: mail.html }),
      });
      if (info.rejected.length > 0) {
        throw new MailDeliveryError(`The mail server ${this.config.display} refused the recipient.`);
      }
    } catch (cause) {
      if (cause instanceof MailDeliveryError) throw cause;
      throw new MailDeliveryError(
        `The mail server ${this.config.display} could not take the message: ${describe(cause)}`,
      );
    }
  }

  async close(): Promise<void> {
    this.transporter.close();
  }
}

/** nodemailer's message and code, which name the failure but never carry the credentials. */
function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const code = (cause as Error & { code?: unknown }).code;
    return typeof code === "string" ? `${code}: ${cause.message}` : cause.message;
  }
  return String(cause);
}
