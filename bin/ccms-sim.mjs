#!/usr/bin/env node
// The simulator's control API on the command line (dist-qa/ccms-sim.cjs, built by `npm run build`).
import fs from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const bundle = fileURLToPath(new URL("../dist-qa/ccms-sim.cjs", import.meta.url));
if (!fs.existsSync(bundle)) {
  process.stderr.write(`ccms-sim: ${bundle} is missing; run npm run build first.\n`);
  process.exit(69);
}
createRequire(import.meta.url)(bundle);
