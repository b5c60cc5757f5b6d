import { execFileSync } from "node:child_process";

/**
 * Builds the renderer once; every browser-shell process of the run serves that build, and the printed
 * user guide beside it (printed again only when it is older than what it is made from).
 */
export default function globalSetup(): void {
  execFileSync("npm", ["run", "build:renderer", "--silent"], { stdio: "inherit" });
  execFileSync("npm", ["run", "build:guide", "--silent"], { stdio: "inherit" });
}
