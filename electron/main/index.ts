import { app } from "electron";
import { runMain } from "./run-main.js";

runMain().catch((error: unknown) => {
  console.error(`CCMS Terminal could not start: ${error instanceof Error ? error.message : String(error)}`);
  app.exit(70);
});
