#!/usr/bin/env node
// The simulator's control API on the command line (dist-qa/ccms-sim.cjs, built by `npm run build`).
import { runBundle } from "./run-bundle.mjs";

runBundle("ccms-sim", new URL("../dist-qa/ccms-sim.cjs", import.meta.url));
