import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AxiosInstance } from "axios";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Envelope } from "../../../shared/contract/api.js";
import type { AuthView } from "../../../shared/contract/auth.js";
import type { AdminUsersResponse, SetEmailResponse, UnlockResponse } from "../../../shared/wire/admin.js";
import { mailboxResponseSchema } from "../../../shared/wire/control.js";
import { createServices, type Services } from "../../../electron/host/create-services.js";
import { createHttpClient, destroyHttpClient } from "../../../electron/services/http/create-http-client.js";
import { MailboxClient } from "../../../electron/services/mailbox/mailbox-client.js";
import { startSimulator } from "../../../simulator/index.js";

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

const password = "Demo#2023pass";

let simDir: string;
let hostDir: string;
let sim: Simulator;
let control: AxiosInstance;
let mailbox: MailboxClient;
let services: Services;

const value = <T>(envelope: Envelope): T => {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
};
const failure = (envelope: Envelope) => {
  if (envelope.ok) throw new Error("expected the call to fail");
  return envelope.error;
};

const asControl = { headers: { Authorization: "" } };

/** Signs in through the dispatcher, as the page does: password, then the OTP from the user's mailbox. */
async function signIn(userId: string): Promise<void> {
  await services.dispatch("auth.signOut", {});
  const begin = value<AuthView>(await services.dispatch("auth.begin", { userId, password }));
  expect(begin.state).toBe("OTP_REQUIRED");
  const otp = (await mailbox.list(userId)).at(-1)?.otp;
  expect(otp, `an OTP mail for ${userId}`).toBeTruthy();
  const done = value<AuthView>(await services.dispatch("auth.verifyOtp", { otp }));
  expect(done.state).toBe("SUCCESS");
}

async function mailTo(address: string) {
  const response = await control.get("/__sim/mailbox", { ...asControl, params: { to: address } });
  return mailboxResponseSchema.parse(response.data).messages;
}

beforeAll(async () => {
  simDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-admin-sim-"));
  hostDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-admin-host-"));
  sim = await startSimulator({ dataDir: simDir, hashProfile: "fast" });
  control = createHttpClient({ baseURL: sim.url, caPem: fs.readFileSync(sim.caFile, "utf8") });
  asControl.headers.Authorization = `Bearer ${sim.controlToken}`;
  mailbox = new MailboxClient({ http: control, controlToken: sim.controlToken });
  services = await createServices({
    dataDir: hostDir,
    shell: "web",
    version: "0.0.0-test",
    server: { url: `${sim.url}/sso`, caFile: sim.caFile },
  });
});

afterEach(async () => {
  await services.dispatch("auth.signOut", {});
});

afterAll(async () => {
  await services?.close();
  if (control) destroyHttpClient(control);
  await sim?.close();
  for (const dir of [simDir, hostDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("admin.* through the dispatcher, against the real simulator over HTTPS", () => {
  it("refuses every admin call without a session: NOT_SIGNED_IN", async () => {
    expect(failure(await services.dispatch("admin.listUsers", {})).code).toBe("NOT_SIGNED_IN");
    const setEmail = await services.dispatch("admin.setEmail", {
      userId: "demo.noemail",
      email: "someone@cp001.example.com",
    });
    expect(failure(setEmail).code).toBe("NOT_SIGNED_IN");
    expect(failure(await services.dispatch("admin.unlock", { userId: "demo.user" })).code).toBe(
      "NOT_SIGNED_IN",
    );
  });

  it("lists the DA's own participant's users, emails masked, and never another participant's", async () => {
    await signIn("demo.da");
    const list = value<AdminUsersResponse>(await services.dispatch("admin.listUsers", {}));
    expect(list.participant).toBe("CP001");
    const ids = list.users.map((user) => user.userId);
    expect(ids).toEqual(expect.arrayContaining(["demo.user", "demo.da", "demo.noemail"]));
    expect(ids).not.toContain("demo.hkcc");
    expect(list.users.every((user) => user.participant === "CP001")).toBe(true);
    expect(list.users.find((user) => user.userId === "demo.noemail")).toMatchObject({
      emailRegistered: false,
      maskedEmail: null,
    });
    expect(list.users.find((user) => user.userId === "demo.user")?.maskedEmail).toMatch(/\*+.*@cp001/);
    expect(JSON.stringify(list)).not.toContain("demo.user@cp001.example.com");
  });

  it("registers an email: the list shows it, and the user's mailbox receives the notice", async () => {
    await signIn("demo.da");
    const address = "lee.ka.yan@cp001.example.com";
    const result = value<SetEmailResponse>(
      await services.dispatch("admin.setEmail", { userId: "demo.noemail", email: `  ${address} ` }),
    );
    expect(result).toMatchObject({
      changed: true,
      notified: { oldAddress: "not-applicable", newAddress: "sent" },
      user: { userId: "demo.noemail", emailRegistered: true },
    });
    expect(result.user.maskedEmail).toMatch(/^l\*+n@cp001\.example\.com$/);

    const notice = (await mailTo(address)).at(-1);
    expect(notice?.to).toBe(address);
    expect(notice?.subject).toContain("email address changed");
    expect(notice?.text).toContain("demo.da");
    expect(notice?.otp).toBeNull();

    const list = value<AdminUsersResponse>(await services.dispatch("admin.listUsers", {}));
    expect(list.users.find((user) => user.userId === "demo.noemail")).toMatchObject({
      emailRegistered: true,
      maskedEmail: result.user.maskedEmail,
    });
  });

  it("rejects a malformed email in the dispatcher with INVALID_INPUT naming the field", async () => {
    await signIn("demo.da");
    for (const email of ["not-an-address", "", "two@@cp001.example.com", `${"a".repeat(250)}@x.example`]) {
      const error = failure(await services.dispatch("admin.setEmail", { userId: "demo.noemail", email }));
      expect(error.code, email).toBe("INVALID_INPUT");
      expect(error.message).toContain("email");
    }
    const badUser = failure(
      await services.dispatch("admin.setEmail", { userId: "no spaces", email: "a@b.example" }),
    );
    expect(badUser.code).toBe("INVALID_INPUT");
    const extra = failure(await services.dispatch("admin.unlock", { userId: "demo.user", force: true }));
    expect(extra.code).toBe("INVALID_INPUT");
  });

  it("unlocks a locked user of the participant, who can then sign in", async () => {
    for (let i = 0; i < 5; i++) {
      await services.dispatch("auth.begin", { userId: "demo.newuser", password: "Wrong#2023pass" });
    }
    const locked = await services.dispatch("auth.begin", { userId: "demo.newuser", password });
    expect(JSON.stringify(locked)).toContain("LOCKED_OUT");

    await signIn("demo.da");
    const before = value<AdminUsersResponse>(await services.dispatch("admin.listUsers", {}));
    expect(before.users.find((user) => user.userId === "demo.newuser")?.lockedUntil).not.toBeNull();

    const unlocked = value<UnlockResponse>(
      await services.dispatch("admin.unlock", { userId: "demo.newuser" }),
    );
    expect(unlocked).toMatchObject({ wasLocked: true, user: { userId: "demo.newuser", lockedUntil: null } });

    await services.dispatch("auth.signOut", {});
    const again = value<AuthView>(
      await services.dispatch("auth.begin", { userId: "demo.newuser", password }),
    );
    expect(again.state).toBe("OTP_REQUIRED");
    await services.dispatch("auth.cancel", {});
  });

  it("passes the server's FORBIDDEN through: a plain user, and a DA for another participant's user", async () => {
    await signIn("demo.user");
    const plain = failure(await services.dispatch("admin.listUsers", {}));
    expect(plain.code).toBe("FORBIDDEN");
    const plainSet = failure(
      await services.dispatch("admin.setEmail", { userId: "demo.noemail", email: "x@cp001.example.com" }),
    );
    expect(plainSet.code).toBe("FORBIDDEN");

    await signIn("demo.da");
    const other = failure(
      await services.dispatch("admin.setEmail", { userId: "demo.hkcc", email: "x@cp002.example.com" }),
    );
    expect(other.code).toBe("FORBIDDEN");
    expect(other.message).toContain("CP001");
    // The refusal leaves the session as it was.
    expect(value<AdminUsersResponse>(await services.dispatch("admin.listUsers", {})).participant).toBe(
      "CP001",
    );
  });

  it("passes REGISTRATION_CLOSED through with the date registration opens", async () => {
    await control.put("/__sim/phase", { phase: "2fa-only" }, asControl);
    await control.put("/__sim/clock", { now: "2023-01-10T10:00:00+08:00" }, asControl);
    try {
      await signIn("demo.da");
      const closed = failure(
        await services.dispatch("admin.setEmail", {
          userId: "demo.da",
          email: "wong.siu.ming@cp001.example.com",
        }),
      );
      expect(closed.code).toBe("REGISTRATION_CLOSED");
      expect(closed.details).toMatchObject({ opensAt: expect.stringMatching(/^2023-03-19T16:00:00/) });
    } finally {
      await services.dispatch("auth.signOut", {});
      await control.put("/__sim/clock", {}, asControl);
      await control.put("/__sim/phase", { phase: null }, asControl);
    }
  });

  it("ends the session when the server no longer knows it: SESSION_EXPIRED, and session.changed says so", async () => {
    await signIn("demo.da");
    const heard: unknown[] = [];
    const off = services.events.listen((event, payload) => {
      if (event === "session.changed") heard.push(payload);
    });
    try {
      // The session ends behind this one's back: the server's reset ends every session, and says so.
      await control.post("/__sim/reset", {}, asControl);
      const gone = failure(await services.dispatch("admin.listUsers", {}));
      expect(gone).toMatchObject({ code: "SESSION_EXPIRED", details: { reason: "simulator-reset" } });
      expect(heard).toEqual([
        expect.objectContaining({ session: null, locked: false, ended: { reason: "simulator-reset" } }),
      ]);
      expect(failure(await services.dispatch("admin.listUsers", {})).code).toBe("NOT_SIGNED_IN");
    } finally {
      off();
    }
  });
});
