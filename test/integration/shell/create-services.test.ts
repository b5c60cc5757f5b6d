import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Envelope } from "../../../shared/contract/api.js";
import { createServices, type Services } from "../../../electron/host/create-services.js";
import { startSimulator } from "../../../simulator/index.js";
import {
  nodePlatform,
  startServices,
  untilSimulatorSettled,
  watchedLauncher,
} from "../../support/host-services.js";

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

const dirs: string[] = [];
const tempDir = (label: string) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `ccms-${label}-`));
  dirs.push(dir);
  return dir;
};

const failure = (envelope: Envelope) => (envelope.ok ? null : envelope.error.code);
const value = <T>(envelope: Envelope): T => {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
};

function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

let standalone: Simulator;

beforeAll(async () => {
  standalone = await startSimulator({ dataDir: tempDir("standalone"), hashProfile: "fast" });
});

afterAll(async () => {
  await standalone?.close();
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("createServices: server profiles", () => {
  let services: Services;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = tempDir("host");
    services = await startServices({
      dataDir,
      shell: "web",
      version: "1.2.3",
      simulatorHashProfile: "fast",
    });
  });
  afterAll(() => services?.close());

  it("starts the built-in simulator by default, in <dataDir>/simulator", async () => {
    const info = value<{ server: { profile: string; simulated: boolean; url: string } }>(
      await services.dispatch("app.info", {}),
    );
    expect(info).toMatchObject({
      version: "1.2.3",
      shell: "web",
      server: { profile: "builtin", simulated: true, starting: false },
      serverProblem: null,
    });
    expect(info.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(fs.existsSync(path.join(dataDir, "simulator"))).toBe(true);
  });

  it("reads the simulated phase and date for the banner", async () => {
    const { status } = value<{ status: { phase: string; now: string } | null }>(
      await services.dispatch("app.simStatus", {}),
    );
    expect(status?.phase).toMatch(/smartcard-only|parallel-run|2fa-only/);
    expect(Number.isNaN(Date.parse(status?.now ?? ""))).toBe(false);
  });

  it("asks for a sign-in before showing a mailbox", async () => {
    expect(failure(await services.dispatch("mailbox.list", {}))).toBe("NO_LOGIN_IN_PROGRESS");
  });

  it("switches to a custom server trusted by its CA file, stops the built-in one and saves the choice", async () => {
    const builtinUrl = value<{ server: { url: string } }>(await services.dispatch("app.info", {})).server.url;
    const events: unknown[] = [];
    const off = services.events.listen((_event, payload) => events.push(payload));
    const signIn = value<{ state: string }>(
      await services.dispatch("auth.begin", { userId: "demo.user", password: "Demo#2023pass" }),
    );
    expect(signIn.state).toBe("OTP_REQUIRED");

    const info = value<{ server: unknown; serverProblem: unknown }>(
      await services.dispatch("app.setServer", {
        kind: "custom",
        url: `${standalone.url}/sso`,
        caFile: standalone.caFile,
      }),
    );
    expect(info).toMatchObject({
      server: {
        profile: "custom",
        url: `${standalone.url}/sso`,
        caFile: standalone.caFile,
        simulated: false,
      },
      serverProblem: null,
    });
    expect(await refusesConnections(builtinUrl)).toBe(true);
    // settings.json keeps what the person chose, and only that (the proxy setting was never chosen).
    const saved = JSON.parse(fs.readFileSync(path.join(dataDir, "settings.json"), "utf8")) as unknown;
    expect(saved).toEqual({
      server: { kind: "custom", url: `${standalone.url}/sso`, caFile: standalone.caFile },
      lastUserIds: {},
    });

    // The login in progress belonged to the other server.
    expect(failure(await services.dispatch("auth.verifyOtp", { otp: "123456" }))).toBe(
      "NO_LOGIN_IN_PROGRESS",
    );
    const begun = value<{ state: string }>(
      await services.dispatch("auth.begin", { userId: "demo.user", password: "Demo#2023pass" }),
    );
    expect(begun.state).toBe("OTP_REQUIRED");
    expect(failure(await services.dispatch("mailbox.list", {}))).toBe("NOT_AVAILABLE");
    // A standalone simulator says its phase and date too, without the control token.
    expect(value<{ status: unknown }>(await services.dispatch("app.simStatus", {}))).toEqual({
      status: {
        phase: expect.stringMatching(/^(smartcard-only|parallel-run|2fa-only)$/),
        phasePinned: false,
        now: expect.any(String),
      },
    });
    off();
    expect(events).toEqual([]);
  });

  it("reports an unreadable CA file in app.info instead of failing, and refuses calls with its code", async () => {
    const info = value<{ serverProblem: { code: string } | null }>(
      await services.dispatch("app.setServer", {
        kind: "custom",
        url: "https://sso.example.com/sso",
        caFile: path.join(dataDir, "missing.pem"),
      }),
    );
    expect(info.serverProblem?.code).toBe("CA_FILE_UNREADABLE");
    expect(failure(await services.dispatch("auth.begin", { userId: "demo.user", password: "x" }))).toBe(
      "CA_FILE_UNREADABLE",
    );
    expect(value<{ session: unknown }>(await services.dispatch("app.info", {}))).toMatchObject({
      server: { profile: "custom" },
    });
    // No usable server, so no simulator to show in the banner.
    expect(value<{ status: unknown }>(await services.dispatch("app.simStatus", {}))).toEqual({
      status: null,
    });
  });

  it("comes back to the built-in simulator and can sign in there", async () => {
    const info = value<{ server: { profile: string; simulated: boolean }; serverProblem: unknown }>(
      await services.dispatch("app.setServer", { kind: "builtin" }),
    );
    expect(info).toMatchObject({ server: { profile: "builtin", simulated: true }, serverProblem: null });
    expect(
      value<{ state: string }>(
        await services.dispatch("auth.begin", { userId: "demo.user", password: "Demo#2023pass" }),
      ).state,
    ).toBe("OTP_REQUIRED");
    const { messages } = value<{ messages: { otp: string | null }[] }>(
      await services.dispatch("mailbox.list", {}),
    );
    expect(messages.at(-1)?.otp).toMatch(/^\d{6}$/);
  });

  it("announces the end of a session when the server changes", async () => {
    const { messages } = value<{ messages: { otp: string | null }[] }>(
      await services.dispatch("mailbox.list", {}),
    );
    expect(
      value<{ state: string }>(await services.dispatch("auth.verifyOtp", { otp: messages.at(-1)?.otp }))
        .state,
    ).toBe("SUCCESS");
    const events: unknown[] = [];
    const off = services.events.listen((event, payload) => events.push({ event, payload }));
    value(
      await services.dispatch("app.setServer", {
        kind: "custom",
        url: `${standalone.url}/sso`,
        caFile: standalone.caFile,
      }),
    );
    off();
    // A change of server forgets the session without a reason from any server.
    expect(events).toEqual([
      { event: "session.changed", payload: { session: null, locked: false, serverTime: expect.any(String) } },
    ]);
    expect(value(await services.dispatch("auth.session", {}))).toMatchObject({
      session: null,
      locked: false,
    });
  });
});

describe("createServices: settings on start", () => {
  it("uses the saved profile, and --server over it", async () => {
    const dataDir = tempDir("saved");
    fs.writeFileSync(
      path.join(dataDir, "settings.json"),
      JSON.stringify({ server: { kind: "custom", url: `${standalone.url}/sso`, caFile: standalone.caFile } }),
    );
    const saved = await createServices({ dataDir, shell: "electron", version: "0" }, () => {}, nodePlatform);
    try {
      expect(value(await saved.dispatch("app.info", {}))).toMatchObject({
        server: { url: `${standalone.url}/sso`, simulated: false },
      });
    } finally {
      await saved.close();
    }
    const flagged = await createServices({
      dataDir,
      shell: "electron",
      version: "0",
      server: { url: "https://override.example/" },
    });
    try {
      expect(value(await flagged.dispatch("app.info", {}))).toMatchObject({
        server: { profile: "custom", url: "https://override.example/" },
      });
    } finally {
      await flagged.close();
    }
  });

  it("starts with the built-in simulator when the settings file is corrupt", async () => {
    const dataDir = tempDir("corrupt");
    fs.writeFileSync(path.join(dataDir, "settings.json"), "{ this is not json");
    const services = await startServices({
      dataDir,
      shell: "web",
      version: "0",
      simulatorHashProfile: "fast",
    });
    try {
      expect(value(await services.dispatch("app.info", {}))).toMatchObject({
        server: { profile: "builtin", starting: false },
        serverProblem: null,
      });
    } finally {
      await services.close();
    }
  });

  it("does not crash on a --ca file that cannot be read", async () => {
    const dataDir = tempDir("badca");
    const services = await createServices({
      dataDir,
      shell: "web",
      version: "0",
      server: { url: "https://sso.example.com/sso", caFile: path.join(dataDir, "nope.pem") },
    });
    try {
      expect(value(await services.dispatch("app.info", {}))).toMatchObject({
        serverProblem: { code: "CA_FILE_UNREADABLE" },
      });
    } finally {
      await services.close();
    }
  });
});

describe("createServices: the built-in simulator in its own process", () => {
  it("answers at once while it starts: app.info says so, sign-in is told to wait, then both work", async () => {
    const watched = watchedLauncher();
    const services = await createServices(
      { dataDir: tempDir("starting"), shell: "web", version: "0", simulatorHashProfile: "fast" },
      () => {},
      { simulator: watched.launcher },
    );
    try {
      expect(watched.children).toHaveLength(1);
      expect(value(await services.dispatch("app.info", {}))).toMatchObject({
        server: { profile: "builtin", simulated: true, starting: true },
        serverProblem: null,
      });
      const early = await services.dispatch("auth.begin", { userId: "demo.user", password: "Demo#2023pass" });
      expect(early).toMatchObject({
        ok: false,
        error: { code: "SERVER_STARTING", message: expect.stringMatching(/still starting/) },
      });
      expect(failure(await services.dispatch("mailbox.list", {}))).toBe("SERVER_STARTING");
      expect(value(await services.dispatch("app.simStatus", {}))).toEqual({ status: null });

      const changes: unknown[] = [];
      services.context.onServerChanged((connection) => changes.push(connection.starting));
      watched.release();
      await untilSimulatorSettled(services);
      expect(changes).toEqual([false]);
      const info = value<{ server: { url: string; starting: boolean } }>(
        await services.dispatch("app.info", {}),
      );
      expect(info.server.starting).toBe(false);
      expect(info.server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(
        value<{ state: string }>(
          await services.dispatch("auth.begin", { userId: "demo.user", password: "Demo#2023pass" }),
        ).state,
      ).toBe("OTP_REQUIRED");
    } finally {
      await services.close();
    }
  });

  it("says when it ends unexpectedly, and starts a new one when the built-in server is chosen again", async () => {
    const watched = watchedLauncher();
    watched.release();
    const services = await createServices(
      { dataDir: tempDir("crash"), shell: "web", version: "0", simulatorHashProfile: "fast" },
      () => {},
      { simulator: watched.launcher },
    );
    try {
      await untilSimulatorSettled(services);
      const firstUrl = services.context.connection().url;
      const ended = new Promise<void>((resolve) => watched.children[0]?.onExit(() => resolve()));
      watched.children[0]?.kill();
      await ended;
      const info = value<{ serverProblem: { code: string; message: string } | null }>(
        await services.dispatch("app.info", {}),
      );
      expect(info.serverProblem).toEqual({
        code: "SERVER_UNREACHABLE",
        message: expect.stringMatching(/built-in simulator stopped unexpectedly/),
      });
      expect(failure(await services.dispatch("auth.begin", { userId: "demo.user", password: "x" }))).toBe(
        "SERVER_UNREACHABLE",
      );

      const again = value<{ server: { url: string; starting: boolean }; serverProblem: unknown }>(
        await services.dispatch("app.setServer", { kind: "builtin" }),
      );
      expect(watched.children).toHaveLength(2);
      expect(again).toMatchObject({ server: { starting: false }, serverProblem: null });
      expect(again.server.url).not.toBe(firstUrl);
      expect(await refusesConnections(firstUrl)).toBe(true);
    } finally {
      await services.close();
    }
  });

  it("reports, without a way to start processes, that the built-in simulator cannot start", async () => {
    const services = await createServices(
      { dataDir: tempDir("nolauncher"), shell: "web", version: "0" },
      () => {},
    );
    try {
      expect(value(await services.dispatch("app.info", {}))).toMatchObject({
        server: { profile: "builtin", starting: false },
        serverProblem: {
          code: "SERVER_UNREACHABLE",
          message: "This shell cannot start the built-in simulator.",
        },
      });
    } finally {
      await services.close();
    }
  });
});
