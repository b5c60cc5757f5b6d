import fs from "node:fs";
import path from "node:path";
import electronLog from "electron-log/node";

/**
 * The app's log: one file a person can send to IT, in the local data folder's `logs/`
 * (`ccms-terminal.log`, kept to 1 MiB: the one before it is `ccms-terminal.old.log`). The shell's own
 * lines, the built-in simulator's standard error and the page's uncaught errors go there, each line
 * with its time, level and where it came from. Written with electron-log's file transport, which
 * needs nothing of Electron, so both shells use it.
 */
export interface AppLog {
  readonly file: string;
  readonly folder: string;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** A line another process printed (the built-in simulator's standard error), under its name. */
  fromProcess(name: string, line: string): void;
  /** The last `count` lines of the log file (fewer when it is shorter). */
  tail(count: number): string[];
}

export const logFileName = "ccms-terminal.log";
const maxBytes = 1024 * 1024;

/** A field or variable that holds a secret: `password`, `newPassword`, `controlToken`, `access_token`, `otpHash`… */
const secretName = String.raw`\b[\w-]{0,64}?(?:token|password|passwd|passphrase|secret|otp|pin)(?:[_-]?hash)?`;
/** A value in one kind of quotes, spaces and escaped quotes within. */
const inQuotes = (quote: string) => String.raw`${quote}(?:[^${quote}\\\n]|\\.)*${quote}`;
/** A value in quotes: JSON's, Node's printed objects' (single, double or back quotes), JSON quoted in JSON. */
const quotedValue = [String.raw`\\"(?:(?!\\").)*\\"`, inQuotes('"'), inQuotes("'"), inQuotes("`")].join("|");
/** A value without quotes (a form's, a URL query's, an environment variable's), or one whose quote never closes. */
const bareValue = String.raw`\\?["'\`]?[^\s"'\`&,;}]+`;
const namedSecret = new RegExp(
  String.raw`(${secretName}(?:\\?["'])?\s*[=:]\s*)(${quotedValue}|${bareValue})`,
  "gi",
);

/** The value's own quotes kept around the blank, so the line still reads as it was written. */
function blankValue(_match: string, name: string, value: string): string {
  const quote = /^\\?["'`]/.exec(value)?.[0] ?? "";
  const closed = quote !== "" && value.length >= 2 * quote.length && value.endsWith(quote);
  return `${name}${quote}[redacted]${closed ? quote : ""}`;
}

/**
 * What never goes into a log, even by mistake: a bearer token, an `Authorization` header's credentials
 * (a proxy's Basic ones too), the value of any field or variable named for a secret (`password=…`,
 * `"newPassword":"…"`, `otp: '…'`, `CCMS_SIM_CONTROL_TOKEN=…`, `?access_token=…`), and the password of a
 * URL's user information (a proxy's).
 */
export function redactSecrets(text: string): string {
  return text
    .replace(
      /\b((?:proxy-)?authorization\\?["']?\s*[=:]\s*\\?["']?(?:(?:basic|bearer|digest|negotiate|ntlm)\s+)?)[A-Za-z0-9._~+/=-]+/gi,
      "$1[redacted]",
    )
    .replace(/\b(Bearer\s+)[A-Za-z0-9._~+/=-]+/gi, "$1[redacted]")
    .replace(namedSecret, blankValue)
    .replace(/(\/\/[^/\s:@]+:)[^/?#\s]+@/g, "$1[redacted]@");
}

/** Opens (creating its folder) the log in `<localDataDir>/logs`. */
export function openAppLog(localDataDir: string): AppLog {
  const folder = path.join(localDataDir, "logs");
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, logFileName);
  const logger = electronLog.create({ logId: `ccms-terminal:${file}` });
  logger.transports.console.level = false;
  logger.transports.file.level = "info";
  logger.transports.file.maxSize = maxBytes;
  logger.transports.file.resolvePathFn = () => file;
  logger.transports.file.format = "[{y}-{m}-{d} {h}:{i}:{s}.{ms}] [{level}]{scope} {text}";
  logger.hooks.push((message) => ({
    ...message,
    data: message.data.map((part: unknown) => (typeof part === "string" ? redactSecrets(part) : part)),
  }));
  const simulatorScopes = new Map<string, ReturnType<typeof logger.scope>>();
  return {
    file,
    folder,
    info: (message) => logger.info(message),
    warn: (message) => logger.warn(message),
    error: (message) => logger.error(message),
    fromProcess: (name, line) => {
      let scoped = simulatorScopes.get(name);
      if (!scoped) {
        scoped = logger.scope(name);
        simulatorScopes.set(name, scoped);
      }
      scoped.warn(line);
    },
    tail: (count) => tailOf(file, count),
  };
}

function tailOf(file: string, count: number): string[] {
  let text: string;
  try {
    const size = fs.statSync(file).size;
    const start = Math.max(0, size - 64 * 1024);
    const fd = fs.openSync(file, "r");
    try {
      const buffer = Buffer.alloc(size - start);
      fs.readSync(fd, buffer, 0, buffer.length, start);
      text = buffer.toString("utf8");
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return [];
  }
  return text
    .split(/\r?\n/)
    .filter((line) => line !== "")
    .slice(-count);
}

let consoleLog: AppLog | null = null;

/**
 * Copies what the process prints with `console.warn` and `console.error` (the services' warnings,
 * the dispatcher's failures) into `log` too, still printing it as before. Console is wrapped once
 * per process; a later call points it at another log.
 */
export function teeConsoleToLog(log: AppLog): void {
  const wrapped = consoleLog !== null;
  consoleLog = log;
  if (wrapped) return;
  const { warn, error } = console;
  console.warn = (...args: unknown[]) => {
    consoleLog?.warn(args.map(String).join(" "));
    warn.apply(console, args);
  };
  console.error = (...args: unknown[]) => {
    consoleLog?.error(args.map(String).join(" "));
    error.apply(console, args);
  };
}
