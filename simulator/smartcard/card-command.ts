import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { exitCodes, UsageError } from "../../shared/cli.js";
import { AppError, isAppError } from "../../shared/errors.js";
import { loadOrCreateCa } from "../ca/index.js";
import { defaultSchedule } from "../config.js";
import { closeDatabase, openDatabase } from "../store/database.js";
import { SqliteUserStore } from "../store/sqlite/users.js";
import { writeCardFile } from "./card-file.js";
import { issueCard } from "./issue-card.js";
import { defaultNotBefore } from "../features/smartcard/card-issuer.js";

const cardUsage = `Usage: npm run simulator -- card issue --user <id> --pin <pin> --out <file> [options]

Issues a smartcard file for a user of the simulator's data folder, signed by its CA.
Insert it with: npm run virtual-card -- --card <file>

  --user <id>             the user (must exist and hold a smartcard: hasSmartcard)
  --pin <pin>             the card PIN, 4 to 8 digits (3 wrong tries block the card)
  --out <file>            where to write the card file (JSON, mode 600)
  --data <dir>            the simulator's data folder (default ./.ccms-simulator)
  --not-before <iso>      certificate valid from (default: before the migration began)
  --not-after <iso>       certificate valid until (default: 3 years from now)
  --force                 overwrite an existing card file`;

const optionsSpec = {
  user: { type: "string" },
  pin: { type: "string" },
  out: { type: "string" },
  data: { type: "string" },
  "not-before": { type: "string" },
  "not-after": { type: "string" },
  force: { type: "boolean" },
  help: { type: "boolean" },
} as const;

/** `card issue`: writes a card file for a user, offline, from the data folder's CA and users. */
export async function cardCommand(argv: string[]): Promise<number> {
  const [action, ...rest] = argv;
  if (action === "--help" || action === "-h") {
    process.stdout.write(`${cardUsage}\n`);
    return exitCodes.ok;
  }
  if (action !== "issue") {
    throw new UsageError(`Unknown card action "${action ?? ""}": use "card issue".`, cardUsage);
  }
  let values;
  try {
    ({ values } = parseArgs({ args: rest, options: optionsSpec, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), cardUsage);
  }
  if (values.help) {
    process.stdout.write(`${cardUsage}\n`);
    return exitCodes.ok;
  }
  if (!values.user || !values.pin || !values.out) {
    throw new UsageError("--user, --pin and --out are required.", cardUsage);
  }
  const notBefore = optionalDate("--not-before", values["not-before"]);
  const notAfter = optionalDate("--not-after", values["not-after"]);
  const out = path.resolve(values.out);
  if (fs.existsSync(out) && !values.force) {
    process.stderr.write(`${out} exists already; give --force to replace that card.\n`);
    return exitCodes.failure;
  }
  const dataDir = path.resolve(values.data ?? ".ccms-simulator");
  if (!fs.existsSync(path.join(dataDir, "simulator.db"))) {
    process.stderr.write(
      `No simulator data in ${dataDir}: start the simulator once with --data ${dataDir}, or give --data.\n`,
    );
    return exitCodes.failure;
  }
  const db = openDatabase(dataDir);
  try {
    const user = await new SqliteUserStore(db).find(values.user);
    if (user === undefined) throw new AppError("NOT_FOUND", `No user with ID ${values.user} in ${dataDir}.`);
    if (!user.hasSmartcard) {
      throw new AppError("CONFLICT", `User ${user.userId} holds no smartcard (hasSmartcard is false).`);
    }
    const ca = await loadOrCreateCa(dataDir);
    const now = new Date();
    const card = await issueCard(
      { certificatePem: ca.certPem, signingKey: ca.privateKey },
      {
        userId: user.userId,
        pin: values.pin,
        now,
        notBefore: notBefore ?? defaultNotBefore(now, defaultSchedule),
        ...(notAfter ? { notAfter } : {}),
      },
    );
    writeCardFile(out, card);
    process.stdout.write(
      `Card of ${user.userId} written to ${out}.\nInsert it with: npm run virtual-card -- --card ${out}\n`,
    );
    return exitCodes.ok;
  } catch (error) {
    if (!isAppError(error)) throw error;
    process.stderr.write(`${error.message}\n`);
    return exitCodes.failure;
  } finally {
    closeDatabase(db);
  }
}

function optionalDate(flag: string, value: string | undefined): Date | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw new UsageError(`${flag} must be a date such as 2027-12-31T00:00:00Z.`, cardUsage);
  return new Date(ms);
}
