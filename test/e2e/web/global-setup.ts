import { execFileSync } from "node:child_process";

/** Builds the renderer once; every browser-shell process of the run serves that build. */
export default function globalSetup(): void {
  execFileSync("npm", ["run", "build:renderer", "--silent"], { stdio: "inherit" });
}
