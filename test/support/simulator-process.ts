import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

export interface SimulatorProcess {
  url: string;
  caFile: string;
  dataDir: string;
  /** The control token it was started with (what a trainer would type into the app). */
  controlToken: string;
  /** Calls the control API over HTTPS, trusting only the simulator's CA. */
  control(
    method: "GET" | "POST" | "PUT",
    route: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }>;
  /** Calls any route over HTTPS as a client would, with a session token as the bearer when given. */
  call(
    method: "GET" | "POST" | "PUT" | "DELETE",
    route: string,
    body?: unknown,
    bearer?: string,
  ): Promise<{ status: number; body: unknown }>;
  /** The newest one-time password mailed to `userId`, from the control API's mailbox; throws unless it is 6 digits. */
  latestOtp(userId: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Runs `npm run simulator` (node + tsx) in a fresh data folder, with any extra flags, and waits for its
 * address. `controlToken`: the one to start with (instances of one room share theirs); random otherwise.
 */
export async function startSimulatorProcess(
  extraArgs: string[] = [],
  options: { controlToken?: string } = {},
): Promise<SimulatorProcess> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-e2e-sim-"));
  const token = options.controlToken ?? randomBytes(18).toString("base64url");
  const child: ChildProcess = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      path.join(root, "simulator/cli.ts"),
      "--data",
      dataDir,
      "--hash-profile",
      "fast",
      ...extraArgs,
    ],
    // The control token in the environment, as the QA kit gives it: never in the process list.
    { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, CCMS_SIM_CONTROL_TOKEN: token } },
  );
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    if (!child.stdout) throw new Error("the simulator has no stdout");
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      const match = /listening on (https:\/\/\S+)/.exec(line);
      if (match?.[1]) {
        lines.close();
        resolve(match[1]);
      }
    });
    void exited.then(() => reject(new Error(`the simulator exited before listening: ${stderr}`)));
  });
  const caFile = path.join(dataDir, "ca", "ca-cert.pem");
  const agent = new https.Agent({ ca: fs.readFileSync(caFile), keepAlive: false });
  const call: SimulatorProcess["call"] = (method, route, body, bearer) =>
    new Promise((resolve, reject) => {
      const request = https.request(
        new URL(route, url),
        {
          method,
          agent,
          headers: {
            ...(bearer === undefined ? {} : { authorization: `Bearer ${bearer}` }),
            "content-type": "application/json",
          },
        },
        (response) => {
          let text = "";
          response.on("data", (chunk: Buffer) => (text += chunk.toString()));
          response.on("end", () =>
            resolve({
              status: response.statusCode ?? 0,
              body: text ? (JSON.parse(text) as unknown) : null,
            }),
          );
        },
      );
      request.on("error", reject);
      request.end(body === undefined ? undefined : JSON.stringify(body));
    });
  const control: SimulatorProcess["control"] = (method, route, body) => call(method, route, body, token);
  return {
    url,
    caFile,
    dataDir,
    controlToken: token,
    control,
    call,
    latestOtp: async (userId) => {
      const { status, body } = await control("GET", `/__sim/mailbox?userId=${encodeURIComponent(userId)}`);
      const messages = (body as { messages?: { otp: string | null }[] } | null)?.messages ?? [];
      const otp = messages.at(-1)?.otp;
      if (status !== 200 || !otp || !/^\d{6}$/.test(otp)) {
        throw new Error(
          `no 6-digit one-time password was mailed to ${userId} (status ${status}, code ${otp})`,
        );
      }
      return otp;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        // A simulator that has not closed in 5 s is not what the caller is testing: end it.
        const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
        await exited;
        clearTimeout(timer);
      }
      agent.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
