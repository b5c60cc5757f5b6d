import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface VirtualCardProcess {
  /** Ctrl-C: the card leaves the reader; resolves once the process has exited. */
  remove(): Promise<number | null>;
  output(): string;
}

/** Runs `npm run virtual-card -- --card <file>` (as node + tsx) and waits until the card is in. */
export async function startVirtualCard(cardFile: string): Promise<VirtualCardProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", path.join(root, "simulator/smartcard/virtual-card-cli.ts"), "--card", cardFile],
    { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("inserted in the virtual reader")) resolve();
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((code) =>
      reject(new Error(`virtual card exited (${code}) before inserting: ${output}`)),
    );
  });
  return {
    output: () => output,
    remove: async () => {
      if (child.exitCode === null) child.kill("SIGINT");
      return exited;
    },
  };
}
