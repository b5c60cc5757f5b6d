import { parseArgs } from "node:util";
import { setTimeout as sleep } from "node:timers/promises";
import { CardApplet } from "./applet.js";
import { fileCardStore } from "./file-card-store.js";
import { insertVirtualCard, VPCD_HOST, VPCD_PORT, type InsertedCard } from "./vpcd-card.js";
import { isAppError } from "../../shared/errors.js";

const usage = `Usage: npm run virtual-card -- --card <file> [--host ${VPCD_HOST}] [--port ${VPCD_PORT}]

Inserts a CCMS card file (from "npm run simulator -- card issue") into the
vsmartcard virtual reader (vpcd, inside pcscd). Ctrl-C removes the card.`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        card: { type: "string" },
        host: { type: "string", default: VPCD_HOST },
        port: { type: "string", default: String(VPCD_PORT) },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${usage}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  const port = Number(values.port);
  if (!values.card || !Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(usage);
    return 2;
  }
  let applet: CardApplet;
  try {
    applet = new CardApplet(fileCardStore(values.card));
  } catch (error) {
    console.error(isAppError(error) ? error.message : `Cannot load the card: ${String(error)}`);
    return 1;
  }

  const stop = new AbortController();
  process.once("SIGINT", () => stop.abort());
  process.once("SIGTERM", () => stop.abort());

  let inserted: InsertedCard | undefined;
  let warned = false;
  while (!inserted && !stop.signal.aborted) {
    try {
      inserted = await insertVirtualCard(applet, { host: values.host, port });
    } catch {
      if (!warned) {
        console.error(
          `Waiting for the virtual reader at ${values.host}:${port}: is pcscd running with vsmartcard-vpcd installed?`,
        );
        warned = true;
      }
      await sleep(500, undefined, { signal: stop.signal }).catch(() => undefined);
    }
  }
  if (!inserted) return 0;
  const pinState = applet.triesLeft === 0 ? "blocked" : `${applet.triesLeft} PIN tries left`;
  process.stdout.write(
    `Card of ${applet.userId} inserted in the virtual reader at ${values.host}:${port} (${pinState}). Ctrl-C removes it.\n`,
  );
  const card = inserted;
  const ended = await Promise.race([
    card.closed.then(() => "reader" as const),
    new Promise<"user">((resolve) => stop.signal.addEventListener("abort", () => resolve("user"))),
  ]);
  if (ended === "user") {
    await card.remove();
    process.stdout.write("Card removed.\n");
    return 0;
  }
  console.error("The virtual reader closed the connection (pcscd stopped?). The card is out.");
  return 1;
}

process.exitCode = await main();
