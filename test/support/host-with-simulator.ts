import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AxiosInstance } from "axios";
import { expect } from "vitest";
import type { Envelope } from "../../shared/contract/api.js";
import type { AuthView } from "../../shared/contract/auth.js";
import { createServices, type Services } from "../../electron/host/create-services.js";
import type { HostConfig } from "../../electron/host/config.js";
import { createHttpClient, destroyHttpClient } from "../../electron/services/http/create-http-client.js";
import { MailboxClient } from "../../electron/services/mailbox/mailbox-client.js";
import { type SimulatorOptions, startSimulator } from "../../simulator/index.js";

export const password = "Demo#2023pass";

export const value = <T>(envelope: Envelope): T => {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
};
export const failure = (envelope: Envelope) => {
  if (envelope.ok) throw new Error("expected the call to fail");
  return envelope.error;
};

export interface HostWithSimulator {
  services: Services;
  sim: Awaited<ReturnType<typeof startSimulator>>;
  /** The simulator's control API (its token already set). */
  control: AxiosInstance;
  /** Signs in through the dispatcher, as the page does: password, then the OTP from the user's mailbox. */
  signIn(userId: string): Promise<void>;
  close(): Promise<void>;
}

/** A simulator in this process and the host's services pointed at it, as `--server` would. */
export async function startHostWithSimulator(
  simulator: Partial<SimulatorOptions> = {},
  host: Partial<HostConfig> = {},
): Promise<HostWithSimulator> {
  const simDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-host-sim-"));
  const hostDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-host-"));
  const sim = await startSimulator({ dataDir: simDir, hashProfile: "fast", ...simulator });
  const control = createHttpClient({ baseURL: sim.url, caPem: fs.readFileSync(sim.caFile, "utf8") });
  control.defaults.headers.common.Authorization = `Bearer ${sim.controlToken}`;
  const mailbox = new MailboxClient({ http: control, controlToken: sim.controlToken });
  const services = await createServices({
    dataDir: hostDir,
    shell: "web",
    version: "0.0.0-test",
    server: { url: `${sim.url}/sso`, caFile: sim.caFile },
    ...host,
  });
  return {
    services,
    sim,
    control,
    async signIn(userId) {
      await services.dispatch("auth.signOut", {});
      let step = value<AuthView>(await services.dispatch("auth.begin", { userId, password }));
      if (step.state === "METHOD_CHOICE") {
        step = value<AuthView>(await services.dispatch("auth.chooseFactor", { factor: "otp" }));
      }
      expect(step.state).toBe("OTP_REQUIRED");
      const otp = (await mailbox.list(userId)).at(-1)?.otp;
      expect(otp, `an OTP mail for ${userId}`).toBeTruthy();
      const done = value<AuthView>(await services.dispatch("auth.verifyOtp", { otp }));
      expect(done.state).toBe("SUCCESS");
    },
    async close() {
      await services.close();
      destroyHttpClient(control);
      await sim.close();
      fs.rmSync(simDir, { recursive: true, force: true });
      fs.rmSync(hostDir, { recursive: true, force: true });
    },
  };
}
