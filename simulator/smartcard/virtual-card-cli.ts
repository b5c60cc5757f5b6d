import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import { CardApplet } from "./applet.js";
import { fileCardStore } from "./file-card-store.js";
import { insertVirtualCard, VPCD_HOST, VPCD_PORT, type InsertedCard } from "./vpcd-card.js";
import { exitCodes, UsageError, usageErrorText } from "../../shared/cli.js";
import { isAppError } from "../../shared/errors.js";

const usage = `Usage: npm run virtual-card -- --card <file> [--host ${VPCD_HOST}] [--port ${VPCD_PORT}]

Inserts a CCMS card file (from "npm run simulator -- card issue") into the
vsmartcard virtual reader (vpcd, inside pcscd). Ctrl-C removes the card.`;

const program = "virtual-card";

/** The card file and the reader's address, or that help was asked; anything wrong throws a UsageError. */
function parseVirtualCardArgs(argv: string[]): { card: string; host: string; port: number } | "help" {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        card: { type: "string" },
        host: { type: "string", default: VPCD_HOST },
        port: { type: "string", default: String(VPCD_PORT) },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return "help";
  if (!values.card) throw new UsageError("--card is required.");
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port < 1 || port > 65535) {
    throw new UsageError(`--port must be a number from 1 to 65535, not "${values.port}".`);
  }
  return { card: values.card, host: values.host, port };
}

async function main(): Promise<number> {
  let args;
  try {
    args = parseVirtualCardArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(usageErrorText(program, error, usage));
    return exitCodes.usage;
  }
  if (args === "help") {
    process.stdout.write(`${usage}\n`);
    return exitCodes.ok;
  }
  const { host, port } = args;
  let applet: CardApplet;
  try {
    applet = new CardApplet(fileCardStore(args.card));
  } catch (error) {
    console.error(isAppError(error) ? error.message : `Cannot load the card: ${String(error)}`);
    return exitCodes.failure;
  }

  const stop = new AbortController();
  process.once("SIGINT", () => stop.abort());
  process.once("SIGTERM", () => stop.abort());

  let inserted: InsertedCard | undefined;
  let warned = false;
  while (!inserted && !stop.signal.aborted) {
    try {
      inserted = await insertVirtualCard(applet, { host: host, port });
    } catch {
      if (!warned) {
        console.error(
          `Waiting for the virtual reader at ${host}:${port}: is pcscd running with vsmartcard-vpcd installed?`,
        );
        warned = true;
      }
      await sleep(500, undefined, { signal: stop.signal }).catch(() => undefined);
    }
  }
  if (!inserted) return exitCodes.ok;
  const pinState = applet.triesLeft === 0 ? "blocked" : `${applet.triesLeft} PIN tries left`;
  process.stdout.write(
    `Card of ${applet.userId} inserted in the virtual reader at ${host}:${port} (${pinState}). Ctrl-C removes it.\n`,
  );
  const card = inserted;
  const ended = await Promise.race([
    card.closed.then(() => "reader" as const),
    new Promise<"user">((resolve) => stop.signal.addEventListener("abort", () => resolve("user"))),
  ]);
  if (ended === "user") {
    await card.remove();
    process.stdout.write("Card removed.\n");
    return exitCodes.ok;
  }
  console.error("The virtual reader closed the connection (pcscd stopped?). The card is out.");
  return exitCodes.failure;
}

process.exitCode = await main();
