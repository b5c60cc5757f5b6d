import { runProgram } from "./cli.js";

// `ccms-check` as a bundle of its own (`dist-qa/ccms-check.cjs`): plain Node runs it, no tsx, on
// Linux, macOS and Windows alike.
runProgram();
