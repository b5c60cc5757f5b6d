/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with node --require (NODE_OPTIONS) */
// Appends, when its process ends, every file the process loaded as a module (JavaScript and native
// .node files alike) to the JSON-lines file named by CCMS_LOADED_FILES_LOG: one line per process.
const fs = require("node:fs");

const log = process.env.CCMS_LOADED_FILES_LOG;
if (log) {
  process.on("exit", () => {
    const files = Object.keys(require.cache);
    fs.appendFileSync(log, `${JSON.stringify({ pid: process.pid, argv: process.argv.slice(1), files })}\n`);
  });
}
