import { type AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { type TestTls } from "./test-tls.js";

export interface ReceivedMail {
  envelopeTo: string[];
  raw: string;
  /** Whether the session was encrypted (STARTTLS or implicit TLS) when the message came. */
  secure: boolean;
  authUser: string | undefined;
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  /** Messages whose data has begun to arrive, answered or not. */
  dataStarted: number;
  close(): Promise<void>;
}

export interface TestSmtpOptions {
  tls: TestTls;
  implicitTls?: boolean;
  user: string;
  pass: string;
  /** Answer every RCPT TO with this SMTP error. */
  refuseRecipients?: boolean;
  /** Answer each message's data only once this settles (a slow mail server). */
  holdAnswers?: Promise<void>;
}

/** A real SMTP server on 127.0.0.1 (ephemeral port) with STARTTLS or implicit TLS and AUTH. */
export async function startTestSmtpServer(options: TestSmtpOptions): Promise<TestSmtpServer> {
  const received: ReceivedMail[] = [];
  const counts = { dataStarted: 0 };
  const server = new SMTPServer({
    secure: options.implicitTls ?? false,
    key: options.tls.keyPem,
    cert: options.tls.certPem,
    authMethods: ["PLAIN", "LOGIN"],
    allowInsecureAuth: false,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error("Invalid username or password"));
      }
    },
    onRcptTo(_address, _session, callback) {
      if (options.refuseRecipients === true) {
        const error = new Error("Mailbox unavailable") as Error & { responseCode: number };
        error.responseCode = 550;
        callback(error);
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      counts.dataStarted += 1;
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        received.push({
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString("utf8"),
          secure: session.secure,
          authUser: typeof session.user === "string" ? session.user : undefined,
        });
        void (options.holdAnswers ?? Promise.resolve()).then(() => callback());
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    get dataStarted() {
      return counts.dataStarted;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
