/**
 * The simulator as `npm run bench:sim` runs it: a standalone process on loopback,
 * with the per-address rate limit lifted (every simulated client shares 127.0.0.1).
 * Prints one JSON line {url, caFile, controlToken} and serves until SIGTERM.
 * Usage: tsx test/bench/sim-bench-server.ts <fast|production> <dataDir> [postgres-url]
 * With a PostgreSQL URL it is one instance of several on that database (the password, if any, in PGPASSWORD).
 */
import { startSimulator } from "../../simulator/index.js";

const [profile, dataDir, databaseUrl] = process.argv.slice(2);
if ((profile !== "fast" && profile !== "production") || dataDir === undefined) {
  console.error("usage: sim-bench-server.ts <fast|production> <dataDir>");
  process.exit(64);
}

const sim = await startSimulator({
  dataDir,
  hashProfile: profile,
  quiet: true,
  config: { rateLimit: { max: 1_000_000_000, timeWindowMs: 60_000 } },
  controlToken: "bench-control-token",
  ...(databaseUrl === undefined
    ? {}
    : {
        database: {
          url: databaseUrl,
          ...(process.env.PGPASSWORD ? { password: process.env.PGPASSWORD } : {}),
        },
      }),
});
process.stdout.write(
  `${JSON.stringify({ url: sim.url, caFile: sim.caFile, controlToken: sim.controlToken })}\n`,
);
const stop = () => {
  sim.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
