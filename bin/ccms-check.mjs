#!/usr/bin/env node
// Runs the connectivity check's TypeScript CLI through tsx, from any working directory.
import { fileURLToPath } from "node:url";
import { tsImport } from "tsx/esm/api";

process.env.CCMS_CHECK_BIN = "1";
const cli = fileURLToPath(new URL("../electron/services/connectivity/cli.ts", import.meta.url));
await tsImport(cli, import.meta.url);
