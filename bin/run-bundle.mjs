// Runs one of the package's bundled programs (dist-qa/, built by `npm run build`) in this process.
import fs from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** Loads `bundle` (a URL beside the package's bin/), or says it is missing and exits 69. */
export function runBundle(program, bundle) {
  const file = fileURLToPath(bundle);
  if (!fs.existsSync(file)) {
    process.stderr.write(`${program}: ${file} is missing; run npm run build first.\n`);
    process.exit(69);
  }
  createRequire(import.meta.url)(file);
}
