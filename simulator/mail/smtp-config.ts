import { readFileSync } from "node:fs";
import { AppError } from "../../shared/errors.js";

export interface SmtpConfig {
  host: string;
  port: number;
  /** true for smtps:// (TLS from the first byte); false for smtp:// (STARTTLS). */
  implicitTls: boolean;
  /** STARTTLS is required whenever credentials are sent, so a password never travels in clear. */
  requireStartTls: boolean;
  auth: { user: string; pass: string } | undefined;
  /** PEM CA bundle to trust in addition to the system's; verification always stays on. */
  ca: string | undefined;
  from: string;
  /** Where the server is, without the credentials: safe for logs and error messages. */
  display: string;
}

const DEFAULT_FROM = "CCMS 2FA (simulated) <no-reply@sso.hkexposttrade.com.hk>";

/**
 * Parses `--smtp smtp://user@host:port` (STARTTLS) or `smtps://…` (implicit TLS),
 * plus an optional CA file. Optional query `?from=<address>` sets the sender.
 * The relay's password comes as `password` (from SMTP_PASSWORD or a file) and
 * wins over one still written in the URL.
 */
export function parseSmtpConfig(url: string, caFile?: string, password?: string): SmtpConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError("INVALID_INPUT", "--smtp must be a URL such as smtp://user@mail.example:587");
  }
  if (parsed.protocol !== "smtp:" && parsed.protocol !== "smtps:") {
    throw new AppError(
      "INVALID_INPUT",
      `--smtp must start with smtp:// or smtps://, not ${parsed.protocol}//`,
    );
  }
  if (parsed.hostname === "") {
    throw new AppError("INVALID_INPUT", "--smtp needs a host name, e.g. smtp://mail.example:587");
  }
  const implicitTls = parsed.protocol === "smtps:";
  const port = parsed.port === "" ? (implicitTls ? 465 : 587) : Number(parsed.port);
  const user = decodeURIComponent(parsed.username);
  const pass = password ?? decodeURIComponent(parsed.password);
  if (user === "" && password !== undefined) {
    throw new AppError(
      "INVALID_INPUT",
      "An SMTP password was given but --smtp names no user: write it as smtp://user@host:587.",
    );
  }
  const auth = user === "" ? undefined : { user, pass };
  let ca: string | undefined;
  if (caFile !== undefined) {
    try {
      ca = readFileSync(caFile, "utf8");
    } catch (cause) {
      throw new AppError(
        "CA_FILE_UNREADABLE",
        `Cannot read the SMTP CA file ${caFile}: ${(cause as Error).message}`,
      );
    }
    if (!ca.includes("-----BEGIN CERTIFICATE-----")) {
      throw new AppError("CA_FILE_UNREADABLE", `The SMTP CA file ${caFile} holds no PEM certificate.`);
    }
  }
  const host = parsed.hostname.replace(/^\[(.*)\]$/, "$1");
  return {
    host,
    port,
    implicitTls,
    requireStartTls: !implicitTls && auth !== undefined,
    auth,
    ca,
    from: parsed.searchParams.get("from") ?? DEFAULT_FROM,
    display: `${parsed.protocol}//${parsed.host}`,
  };
}

/** Whether an `--smtp` URL carries a password (which every user of the machine can read in the process list). */
export function smtpUrlHasPassword(url: string): boolean {
  try {
    return new URL(url).password !== "";
  } catch {
    return false;
  }
}
