import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { scheduleSchema, type Schedule } from "../../shared/wire/control.js";
import { type SimulatorOptions, startSimulator } from "../index.js";
import { parseSmtpConfig, smtpUrlHasPassword } from "../mail/smtp-config.js";
import { SmtpMailTransport } from "../mail/smtp-transport.js";
import { loadScenarioFile } from "../scenarios/load-scenario.js";
import { exitCodes, UsageError } from "../../shared/cli.js";
import {
  databaseTimeoutOptions,
  databaseTimeoutUsage,
  parseDatabaseTimeouts,
} from "./database-timeout-flags.js";

export const serveUsage = `Usage: npm run simulator -- [--port <n>] [--data <dir>] [options]

  --port <n>                 TCP port on 127.0.0.1 (default 0: any free port)
  --host <address>           address to bind (default 127.0.0.1)
  --data <dir>               data folder: SQLite database and CA (default ./.ccms-simulator)
  --database <url>           keep the state in PostgreSQL, shared with other instances:
                             postgres://user@host:5432/db (no password in it: PGPASSWORD or
                             --database-password-file); the CA then lives in the database
  --database-password-file <f>  read the database password from this file (first line)
${databaseTimeoutUsage}
  --control-token-file <f>   bearer token of the /__sim/ control API, from this file (first line);
                             or CCMS_SIM_CONTROL_TOKEN in the environment (default: random, printed)
  --control-token <t>        the same on the command line (warned against: the process list shows it)
  --hash-profile <p>         fast | production (default production)
  --seed <n>                 make every OTP reproducible from this seed
  --schedule <file.json>     migration schedule {userEmailRegistrationOpens, daEmailRegistrationOpens,
                             launch, decommission, readinessDeadline?, daEmailProcessingBusinessDays?}
  --session-idle-minutes <n>       a session ends after this long without a request (default 15)
  --session-absolute-minutes <n>   a session ends this long after sign-in whatever happens (default 480)
  --hostname <name>          extra name for the server certificate (repeatable)
  --smtp <url>               send mail by SMTP too: smtp://user@host:587 (STARTTLS) or smtps://…:465;
                             the relay's password from SMTP_PASSWORD or --smtp-password-file
  --smtp-password-file <f>   read the SMTP relay's password from this file (first line)
  --smtp-ca <file>           PEM CA to trust for the SMTP server's certificate
  --scenario <file.json>     users, clock/phase and faults to load at start (see simulator/scenarios/)
  --log                      log requests (never bodies or tokens)
  --help                     this text`;

const optionsSpec = {
  port: { type: "string" },
  host: { type: "string" },
  data: { type: "string" },
  "control-token": { type: "string" },
  "control-token-file": { type: "string" },
  "hash-profile": { type: "string" },
  seed: { type: "string" },
  schedule: { type: "string" },
  "session-idle-minutes": { type: "string" },
  "session-absolute-minutes": { type: "string" },
  hostname: { type: "string", multiple: true },
  smtp: { type: "string" },
  "smtp-password-file": { type: "string" },
  "smtp-ca": { type: "string" },
  scenario: { type: "string" },
  database: { type: "string" },
  "database-password-file": { type: "string" },
  ...databaseTimeoutOptions,
  log: { type: "boolean" },
  help: { type: "boolean" },
} as const;

function integer(name: string, text: string, min: number, max: number): number {
  if (!/^-?\d+$/.test(text)) throw new UsageError(`--${name} must be a whole number, not "${text}".`);
  const value = Number(text);
  if (value < min || value > max) throw new UsageError(`--${name} must be between ${min} and ${max}.`);
  return value;
}

function readSchedule(file: string): Schedule {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new UsageError(`--schedule ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = scheduleSchema.safeParse(raw);
  if (!parsed.success) {
    throw new UsageError(
      `--schedule ${file}: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
    );
  }
  return parsed.data;
}

function usageOnError<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function smtpTransport(
  url: string,
  caFile: string | undefined,
  password: string | undefined,
): SmtpMailTransport {
  return new SmtpMailTransport(usageOnError(() => parseSmtpConfig(url, caFile, password)));
}

/** The first line of a file holding a secret (a password, a token); its content never appears in a message. */
function readSecretFile(flag: string, file: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw new UsageError(`--${flag} ${file} cannot be read (${code}).`);
  }
  const password = text.split(/\r?\n/)[0] ?? "";
  if (password === "") throw new UsageError(`--${flag} ${file} is empty.`);
  return password;
}

/**
 * The --database URL, checked: PostgreSQL's scheme, a host, and no password in it (the process
 * list would show it to every user of the computer), which is refused rather than warned about.
 */
export function parseDatabaseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      `--database must be a URL such as postgres://ccms@db-host:5432/ccms, not "${text}".`,
    );
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new UsageError("--database must be a postgres:// (or postgresql://) URL.");
  }
  if (url.hostname === "") throw new UsageError("--database must name the database's host.");
  if (url.password !== "" || url.searchParams.has("password")) {
    throw new UsageError(
      "--database must not carry a password: every user of this computer can read it in the process list. " +
        "Give it in the PGPASSWORD environment variable or with --database-password-file.",
    );
  }
  return url.toString();
}

export const controlTokenFlagWarning =
  "Warning: --control-token puts the control token in the process list, where every user of this computer can " +
  "read it. Give it in the CCMS_SIM_CONTROL_TOKEN environment variable or with --control-token-file instead.";

const controlTokenShape = /^[A-Za-z0-9._~+/=-]{8,512}$/;

/**
 * The control token given, if any: from --control-token-file, else --control-token (with a warning),
 * else CCMS_SIM_CONTROL_TOKEN; checked, and never repeated in a message.
 */
function controlTokenOf(
  values: { "control-token"?: string | undefined; "control-token-file"?: string | undefined },
  env: Record<string, string | undefined>,
  warnings: string[],
): string | undefined {
  const flag = values["control-token"];
  const file = values["control-token-file"];
  if (flag !== undefined && file !== undefined) {
    throw new UsageError(
      "Give the control token one way: --control-token-file or --control-token, not both.",
    );
  }
  let token: string | undefined;
  let source: string;
  if (file !== undefined) {
    token = readSecretFile("control-token-file", file);
    source = `The control token in ${file}`;
  } else if (flag !== undefined) {
    token = flag;
    source = "--control-token";
    warnings.push(controlTokenFlagWarning);
  } else {
    token = env["CCMS_SIM_CONTROL_TOKEN"] || undefined;
    source = "CCMS_SIM_CONTROL_TOKEN";
  }
  if (token !== undefined && !controlTokenShape.test(token)) {
    throw new UsageError(`${source} must be 8 to 512 characters of letters, digits and ._~+/=-`);
  }
  return token;
}

export const smtpPasswordInUrlWarning =
  "Warning: the --smtp address carries a password, which every user of this computer can read in the " +
  "process list. Give it in the SMTP_PASSWORD environment variable or with --smtp-password-file instead.";

/**
 * Parses the serve flags into simulator options (`help` when --help was asked), with the warnings
 * to print. Secrets stay out of the process list: the control token comes from --control-token-file
 * or CCMS_SIM_CONTROL_TOKEN (--control-token works, with a warning); the SMTP relay's password from
 * --smtp-password-file, else SMTP_PASSWORD, else (with a warning) the --smtp URL.
 */
export function parseServeArgs(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
): { help: true } | { help: false; options: SimulatorOptions; warnings: string[] } {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, options: optionsSpec, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return { help: true };
  const hashProfile = values["hash-profile"] ?? "production";
  if (hashProfile !== "fast" && hashProfile !== "production") {
    throw new UsageError(`--hash-profile must be fast or production, not "${hashProfile}".`);
  }
  const warnings: string[] = [];
  const controlToken = controlTokenOf(values, env, warnings);
  const options: SimulatorOptions = {
    dataDir: path.resolve(values.data ?? ".ccms-simulator"),
    port: values.port === undefined ? 0 : integer("port", values.port, 0, 65535),
    host: values.host ?? "127.0.0.1",
    hashProfile,
    logger: values.log ?? false,
  };
  if (controlToken !== undefined) options.controlToken = controlToken;
  if (values.seed !== undefined) options.seed = integer("seed", values.seed, 0, Number.MAX_SAFE_INTEGER);
  if (values.schedule !== undefined) options.schedule = readSchedule(values.schedule);
  if (values.hostname !== undefined) options.hostnames = values.hostname;
  const idle = values["session-idle-minutes"];
  const absolute = values["session-absolute-minutes"];
  if (idle !== undefined || absolute !== undefined) {
    options.config = {
      ...(idle === undefined
        ? {}
        : { sessionIdleMs: integer("session-idle-minutes", idle, 1, 1440) * 60_000 }),
      ...(absolute === undefined
        ? {}
        : { sessionAbsoluteMs: integer("session-absolute-minutes", absolute, 1, 10_080) * 60_000 }),
    };
  }
  if (values["smtp-ca"] !== undefined && values.smtp === undefined)
    throw new UsageError("--smtp-ca needs --smtp.");
  if (values["smtp-password-file"] !== undefined && values.smtp === undefined)
    throw new UsageError("--smtp-password-file needs --smtp.");
  if (values.smtp !== undefined) {
    const fromFile = values["smtp-password-file"];
    const password =
      fromFile !== undefined
        ? readSecretFile("smtp-password-file", fromFile)
        : env["SMTP_PASSWORD"] || undefined;
    if (smtpUrlHasPassword(values.smtp)) warnings.push(smtpPasswordInUrlWarning);
    options.mailTransport = smtpTransport(values.smtp, values["smtp-ca"], password);
  }
  if (values["database-password-file"] !== undefined && values.database === undefined)
    throw new UsageError("--database-password-file needs --database.");
  const timeouts = parseDatabaseTimeouts(values);
  if (timeouts !== undefined && values.database === undefined)
    throw new UsageError("The --database-…-ms flags need --database.");
  if (values.database !== undefined) {
    const fromFile = values["database-password-file"];
    const password =
      fromFile !== undefined
        ? readSecretFile("database-password-file", fromFile)
        : env["PGPASSWORD"] || undefined;
    options.database = {
      url: parseDatabaseUrl(values.database),
      ...(password === undefined ? {} : { password }),
      ...(timeouts === undefined ? {} : { timeouts }),
    };
  }
  if (values.scenario !== undefined)
    options.scenario = usageOnError(() => loadScenarioFile(values.scenario ?? ""));
  return { help: false, options, warnings };
}

/** Runs the simulator until SIGINT/SIGTERM. */
export async function serveCommand(argv: string[]): Promise<number> {
  const parsed = parseServeArgs(argv);
  if (parsed.help) {
    process.stdout.write(`${serveUsage}\n`);
    return exitCodes.ok;
  }
  for (const warning of parsed.warnings) process.stderr.write(`${warning}\n`);
  const sim = await startSimulator(parsed.options);
  // Handlers first: whoever reads the start-up lines may signal at once.
  const stopped = new Promise<number>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      sim.close().then(
        () => resolve(exitCodes.ok),
        (error: unknown) => {
          process.stderr.write(
            `Error while closing: ${error instanceof Error ? error.message : String(error)}\n`,
          );
          resolve(exitCodes.failure);
        },
      );
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
  process.stdout.write(`CCMS 2FA simulator listening on ${sim.url}\n`);
  process.stdout.write(`CA certificate: ${sim.caFile}\n`);
  if (sim.storage === "postgres")
    process.stdout.write(`State kept in PostgreSQL, shared by every instance\n`);
  if (parsed.options.controlToken === undefined) process.stdout.write(`Control token: ${sim.controlToken}\n`);
  if (sim.scenario !== undefined) {
    const s = sim.scenario;
    process.stdout.write(
      `Scenario ${s.name}: ${s.created} users created, ${s.alreadyPresent} already present, ${s.locked} locked\n`,
    );
  }
  return stopped;
}
