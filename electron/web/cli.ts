import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseWebArgs, usage, UsageError } from "./args.js";
import { defaultDataDir } from "./default-data-dir.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

async function main(): Promise<void> {
  let args;
  try {
    args = parseWebArgs(process.argv.slice(2), defaultDataDir());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) process.stderr.write(`${error.message}\n\n`);
    process.stderr.write(`${usage}\n`);
    process.exit(error.message ? 64 : 0);
  }
  // Loaded after the flags are checked, so a usage error answers at once.
  const [{ createServices }, { createWebServer }] = await Promise.all([
    import("../host/create-services.js"),
    import("./create-web-server.js"),
  ]);
  const version = (
    JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }
  ).version;
  const services = await createServices({
    dataDir: args.dataDir,
    ...(args.server ? { server: args.server } : {}),
    ...(args.proxy ? { proxy: args.proxy } : {}),
    shell: "web",
    version,
  });
  const problem = services.context.connection().problem;
  if (problem) process.stderr.write(`Warning: ${problem.message}\n`);
  let server;
  try {
    server = await createWebServer({
      dispatch: services.dispatch,
      events: services.events,
      rendererDir: path.join(root, "dist", "renderer"),
      port: args.port,
    });
  } catch (error) {
    await services.close();
    process.stderr.write(`Cannot listen on 127.0.0.1:${args.port}: ${(error as Error).message}\n`);
    process.exit(69);
  }
  process.stdout.write(`CCMS Terminal ready at ${server.launchUrl}\n`);

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void Promise.allSettled([server.close(), services.close()]).then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `CCMS Terminal could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(70);
});
