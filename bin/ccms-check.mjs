#!/usr/bin/env node
// The connectivity check on the command line (dist-qa/ccms-check.cjs, built by `npm run build`).
import { runBundle } from "./run-bundle.mjs";

runBundle("ccms-check", new URL("../dist-qa/ccms-check.cjs", import.meta.url));
