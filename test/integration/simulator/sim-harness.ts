import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import axios, { type AxiosInstance, type AxiosResponse } from "axios";
import { type RunningSimulator, type SimulatorOptions, startSimulator } from "../../../simulator/index.js";
import { mailboxResponseSchema } from "../../../shared/wire/control.js";
import { OpenApiChecker } from "../../support/openapi-check.js";

/**
 * Every answer a harness receives is checked against the simulator's OpenAPI document (see
 * `openapi-check.ts`): a route answering other than documented fails the test that called it.
 */
export const openApi = new OpenApiChecker();

function checkedAgainstDocument(client: AxiosInstance): AxiosInstance {
  client.interceptors.response.use((response) => {
    openApi.check(
      response.config.method ?? "get",
      axios.getUri(response.config),
      response.status,
      String(response.headers["content-type"] ?? ""),
      response.data,
    );
    return response;
  });
  return client;
}

export const demoPassword = "Demo#2023pass";

/** The body of `POST /__sim/users` for a plain user of participant CP009 (load and durability tests). */
export function newUser(userId: string) {
  return {
    userId,
    password: "Durable#Pass2023",
    email: `${userId}@cp009.example.com`,
    role: "user",
    participant: "CP009",
    clearingHouse: "HKSCC",
  };
}

/** A clock the test moves by hand. */
export class ManualClock {
  constructor(public ms: number) {}
  readonly now = (): Date => new Date(this.ms);
  advance(ms: number): void {
    this.ms += ms;
  }
}

export interface Harness {
  sim: RunningSimulator;
  /** Talks to the simulator over real HTTPS, trusting only its CA file. */
  http: AxiosInstance;
  control: AxiosInstance;
  clock: ManualClock;
  dir: string;
  post(url: string, body: unknown): Promise<AxiosResponse>;
  latestOtp(userId: string): Promise<string>;
  close(): Promise<void>;
}

export async function startHarness(
  options: Partial<SimulatorOptions> = {},
  startAt?: string,
): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-sim-test-"));
  const clock = new ManualClock(Date.parse(startAt ?? "2025-01-06T09:00:00+08:00"));
  const sim = await startSimulator({ dataDir: dir, hashProfile: "fast", now: clock.now, ...options });
  const agent = new https.Agent({ ca: fs.readFileSync(sim.caFile), keepAlive: false });
  const http = checkedAgainstDocument(
    axios.create({ baseURL: sim.url, httpsAgent: agent, validateStatus: () => true, proxy: false }),
  );
  const control = checkedAgainstDocument(
    axios.create({
      baseURL: sim.url,
      httpsAgent: agent,
      validateStatus: () => true,
      proxy: false,
      headers: { authorization: `Bearer ${sim.controlToken}` },
    }),
  );
  return {
    sim,
    http,
    control,
    clock,
    dir,
    post: (url, body) => http.post(url, body),
    async latestOtp(userId) {
      const res = await control.get("/__sim/mailbox", { params: { userId } });
      const { messages } = mailboxResponseSchema.parse(res.data);
      const otp = messages.at(-1)?.otp;
      if (otp === undefined || otp === null) throw new Error(`no OTP mail for ${userId}`);
      return otp;
    },
    async close() {
      await sim.close();
      agent.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
