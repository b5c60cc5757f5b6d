import fs from "node:fs";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Services } from "../../../electron/host/create-services.js";
import { createApi } from "../../../shared/contract/api.js";
import { sessionViewSchema } from "../../../shared/contract/auth.js";
import { createHttpTransport } from "../../../renderer/bridge/http-transport.js";
import { useNav } from "../../../renderer/app/nav-store.js";
import { useAuth } from "../../../renderer/features/auth/auth-store.js";
import { useMailbox } from "../../../renderer/features/mailbox/mailbox-store.js";
import { useSession } from "../../../renderer/features/session/session-store.js";
import { useSettings } from "../../../renderer/features/settings/settings-store.js";
import { startServices } from "../../support/host-services.js";
import { connectPage } from "../../support/page-bridge.js";

/**
 * The renderer's stores and HTTP bridge against the real browser shell, its
 * services and the built-in simulator (fast hashing): the path a page takes.
 */
const DEMO_USER = "demo.user";
const DEMO_PASSWORD = "Demo#2023pass";

let dataDir: string;
let services: Services;
let page: Awaited<ReturnType<typeof connectPage>>;
/** Every method the page's bridge sent, in order (the real HTTP transport does the sending). */
const sent: string[] = [];

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-renderer-stores-"));
  services = await startServices({
    dataDir,
    shell: "web",
    version: "0.0.0-test",
    simulatorHashProfile: "fast",
  });
  page = await connectPage(services, { onInvoke: (method) => sent.push(method) });
});

afterAll(async () => {
  await page?.close();
  await services?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(async () => {
  if (useNav.getState().screen !== "login") await useAuth.getState().back();
  useAuth.setState({ error: null, view: null });
  useNav.setState({ screen: "login", notice: null });
});

/** Sends JSON to the simulator's control API over HTTPS (POST unless told), trusting its CA; returns the status. */
function fetchJson(url: string, token: string, body: unknown, method = "POST"): Promise<number> {
  const ca = services.context.connection().caPem ?? undefined;
  return new Promise((resolve, reject) => {
    const request = https.request(
      url,
      {
        method,
        ca,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      },
      (response) => {
        response.resume();
        response.on("end", () => resolve(response.statusCode ?? 0));
      },
    );
    request.on("error", reject);
    request.end(JSON.stringify(body));
  });
}

async function latestOtp(): Promise<string> {
  await useMailbox.getState().refresh();
  const otp = useMailbox.getState().messages[0]?.otp;
  expect(otp).toMatch(/^\d{6}$/);
  return otp ?? "";
}

describe("renderer stores through the browser shell", () => {
  it("loads the app's info and the simulator's phase and date", async () => {
    await useSettings.getState().load();
    const { info, simStatus } = useSettings.getState();
    expect(info).toMatchObject({ shell: "web", server: { profile: "builtin", simulated: true } });
    expect(simStatus?.phase).toMatch(/^(smartcard-only|parallel-run|2fa-only)$/);
  });

  it("signs in with password and OTP, follows the session, and signs out", async () => {
    const stopFollowing = useSession.getState().follow();
    try {
      await useAuth.getState().submitPassword(DEMO_USER, DEMO_PASSWORD);
      expect(useAuth.getState().error).toBeNull();
      expect(useNav.getState().screen).toBe("otp");
      expect(useAuth.getState().view).toMatchObject({
        state: "OTP_REQUIRED",
        maskedEmail: expect.stringContaining("@"),
      });

      await useAuth.getState().verifyOtp(await latestOtp());
      expect(useNav.getState().screen).toBe("desktop");
      expect(useSession.getState().session).toMatchObject({ userId: DEMO_USER });

      await useAuth.getState().signOut();
      expect(useNav.getState()).toMatchObject({ screen: "login", notice: "signedOut" });
      expect(useSession.getState().session).toBeNull();
      expect(await services.dispatch("auth.session", {})).toMatchObject({
        ok: true,
        value: { session: null, locked: false },
      });
    } finally {
      stopFollowing();
    }
  });

  it("goes back to the login screen with a notice when the session ends elsewhere", async () => {
    const stopFollowing = useSession.getState().follow();
    try {
      await useAuth.getState().submitPassword(DEMO_USER, DEMO_PASSWORD);
      await useAuth.getState().verifyOtp(await latestOtp());
      expect(useNav.getState().screen).toBe("desktop");
      // Signed out by the main process, not by this page: the event stream tells the page.
      expect((await services.dispatch("auth.signOut", {})).ok).toBe(true);
      await expect
        .poll(() => useNav.getState())
        .toMatchObject({ screen: "login", notice: "ended.signed-out" });
    } finally {
      stopFollowing();
    }
  });

  it("takes a moved server clock at its next resync when the event telling of it went astray", async () => {
    const connection = services.context.connection();
    const moveClock = (body: unknown) =>
      fetchJson(`${connection.url}/__sim/clock`, connection.controlToken ?? "", body, "PUT");
    // Not following the main process's events: as if the page's event stream had dropped.
    await useAuth.getState().submitPassword(DEMO_USER, DEMO_PASSWORD);
    await useAuth.getState().verifyOtp(await latestOtp());
    expect(useNav.getState().screen).toBe("desktop");
    const before = useSession.getState();
    expect(Math.abs(before.serverOffsetMs)).toBeLessThan(60_000);
    try {
      expect(await moveClock({ offsetMs: 10 * 60_000 })).toBe(200);
      // The main process hears of the clock from the server's session status, every few seconds.
      await expect
        .poll(
          async () => {
            const view = await services.dispatch("session.current", {});
            const serverTime = view.ok ? sessionViewSchema.parse(view.value).serverTime : undefined;
            return serverTime ? Date.parse(serverTime) - Date.now() : 0;
          },
          { timeout: 20_000 },
        )
        .toBeGreaterThan(9 * 60_000);
      expect(useSession.getState().serverOffsetMs).toBe(before.serverOffsetMs);

      await useSession.getState().resync();
      expect(useSession.getState().serverOffsetMs).toBeGreaterThan(9 * 60_000);
      expect(useSession.getState().session?.userId).toBe(DEMO_USER);
      expect(useNav.getState().screen).toBe("desktop");
    } finally {
      expect(await moveClock({})).toBe(200);
      await useAuth.getState().signOut();
    }
  });

  it("records a wrong password as INVALID_CREDENTIALS and stays on the login screen", async () => {
    await useAuth.getState().submitPassword(DEMO_USER, "not-the-password");
    expect(useAuth.getState().error?.code).toBe("INVALID_CREDENTIALS");
    expect(useAuth.getState().pending).toBeNull();
    expect(useNav.getState().screen).toBe("login");
  });

  it("records a wrong OTP as INVALID_OTP and stays on the OTP screen", async () => {
    await useAuth.getState().submitPassword(DEMO_USER, DEMO_PASSWORD);
    const otp = await latestOtp();
    await useAuth.getState().verifyOtp(String((Number(otp) + 1) % 1_000_000).padStart(6, "0"));
    expect(useAuth.getState().error?.code).toBe("INVALID_OTP");
    expect(useNav.getState().screen).toBe("otp");
  });

  it("refuses a step the sign-in does not stand at with WRONG_STATE, before anything is sent", async () => {
    await useAuth.getState().submitPassword(DEMO_USER, DEMO_PASSWORD);
    expect(useAuth.getState().view?.state).toBe("OTP_REQUIRED");
    const before = sent.length;
    await useAuth.getState().changePassword("Another#Pass2023");
    expect(useAuth.getState().error?.code).toBe("WRONG_STATE");
    expect(sent.slice(before)).toEqual([]);
    expect(useNav.getState().screen).toBe("otp");
    // The step it does stand at still goes through.
    await useAuth.getState().verifyOtp(await latestOtp());
    expect(sent.slice(before)).toContain("auth.verifyOtp");
    expect(useNav.getState().screen).toBe("desktop");
    await useAuth.getState().signOut();
  });

  it("opens the mailbox of the sign-in in progress: an earlier user's mail never shows while it loads", async () => {
    await useAuth.getState().submitPassword(DEMO_USER, DEMO_PASSWORD);
    await useMailbox.getState().open();
    const earlier = useMailbox.getState().messages;
    expect(earlier.length).toBeGreaterThan(0);
    await useAuth.getState().back();

    await useAuth.getState().submitPassword("demo.da", DEMO_PASSWORD);
    const opening = useMailbox.getState().open();
    expect(useMailbox.getState().messages).toEqual([]);
    await opening;
    const mail = useMailbox.getState().messages;
    expect(mail.length).toBeGreaterThan(0);
    expect(mail.every((message) => message.to.startsWith("demo.da@"))).toBe(true);
    await useAuth.getState().back();
  });

  it("refuses a resend during the cooldown with RESEND_COOLDOWN", async () => {
    await useAuth.getState().submitPassword(DEMO_USER, DEMO_PASSWORD);
    await useAuth.getState().resend();
    expect(useAuth.getState().error?.code).toBe("RESEND_COOLDOWN");
    expect(useNav.getState().screen).toBe("otp");
  });

  it("runs one action at a time: a second submit while the first is pending is ignored", async () => {
    const first = useAuth.getState().submitPassword(DEMO_USER, DEMO_PASSWORD);
    expect(useAuth.getState().pending).toBe("password");
    const second = useAuth.getState().submitPassword(DEMO_USER, "something else");
    await Promise.all([first, second]);
    // Had the second run, its wrong password would have left INVALID_CREDENTIALS behind.
    expect(useAuth.getState().error).toBeNull();
    expect(useNav.getState().screen).toBe("otp");
  });

  it("a sign-in that changes server first is pending from its first moment: a second submit meanwhile starts nothing", async () => {
    let release: () => void = () => {};
    const serverChanged = new Promise<void>((resolve) => (release = resolve));
    let prepared = 0;
    const changeServer = async () => {
      prepared += 1;
      await serverChanged;
      return true;
    };
    const begun = sent.filter((method) => method === "auth.begin").length;
    const first = useAuth.getState().submitPassword(DEMO_USER, DEMO_PASSWORD, changeServer);
    const second = useAuth.getState().submitPassword(DEMO_USER, DEMO_PASSWORD, changeServer);
    expect(useAuth.getState().pending).toBe("password");
    release();
    await Promise.all([first, second]);
    expect(prepared).toBe(1);
    expect(sent.filter((method) => method === "auth.begin").length - begun).toBe(1);
    expect(useNav.getState().screen).toBe("otp");
  });

  it("a sign-in whose server change failed sends nothing", async () => {
    const begun = sent.filter((method) => method === "auth.begin").length;
    await useAuth.getState().submitPassword(DEMO_USER, DEMO_PASSWORD, async () => false);
    expect(sent.filter((method) => method === "auth.begin").length).toBe(begun);
    expect(useAuth.getState().pending).toBeNull();
    expect(useNav.getState().screen).toBe("login");
  });

  it("shows the outcome screen when the user has no registered email", async () => {
    const connection = services.context.connection();
    expect(connection.simulator?.current.kind, "the built-in simulator is running").toBe("ready");
    const created = await fetchJson(`${connection.url}/__sim/users`, connection.controlToken ?? "", {
      userId: "no.email",
      password: DEMO_PASSWORD,
      role: "user",
      participant: "CP002",
      clearingHouse: "HKCC",
    });
    expect(created).toBe(201);
    await useAuth.getState().submitPassword("no.email", DEMO_PASSWORD);
    expect(useAuth.getState().view?.state).toBe("EMAIL_NOT_REGISTERED");
    expect(useNav.getState().screen).toBe("outcome");
    await useAuth.getState().back();
    expect(useNav.getState().screen).toBe("login");
  });

  it("changes an expired password: refused by rule, then accepted and on to the OTP and the desktop", async () => {
    const connection = services.context.connection();
    const created = await fetchJson(`${connection.url}/__sim/users`, connection.controlToken ?? "", {
      userId: "expired.store",
      password: DEMO_PASSWORD,
      email: "expired.store@cp002.example.com",
      role: "user",
      participant: "CP002",
      clearingHouse: "HKCC",
      passwordExpired: true,
    });
    expect(created).toBe(201);
    await useAuth.getState().submitPassword("expired.store", DEMO_PASSWORD);
    expect(useNav.getState().screen).toBe("changePassword");
    expect(useAuth.getState().view).toMatchObject({
      state: "PASSWORD_EXPIRED",
      passwordPolicy: { minLength: 10, minClasses: 3, historySize: 5 },
    });

    await useAuth.getState().changePassword(DEMO_PASSWORD);
    expect(useAuth.getState().error).toMatchObject({
      code: "PASSWORD_POLICY",
      details: { rules: ["notRecent"], problems: [expect.stringContaining("last 5")] },
    });
    expect(useNav.getState().screen).toBe("changePassword");

    await useAuth.getState().changePassword("Fresh#Store2024");
    expect(useAuth.getState().error).toBeNull();
    expect(useNav.getState().screen).toBe("otp");
    await useAuth.getState().verifyOtp(await latestOtp());
    expect(useNav.getState().screen).toBe("desktop");
    await useAuth.getState().signOut();
  });

  it("maps a stopped shell to APP_UNREACHABLE", async () => {
    const stopped = createApi(createHttpTransport({ baseUrl: "http://127.0.0.1:9", token: page.web.token }));
    await expect(stopped.app.info({})).rejects.toMatchObject({ code: "APP_UNREACHABLE" });
  });

  it("maps a refused token to UNAUTHORIZED and reports it once", async () => {
    let refused = 0;
    const wrong = createApi(
      createHttpTransport({
        baseUrl: page.web.origin,
        token: "wrong-token",
        onUnauthorized: () => (refused += 1),
      }),
    );
    await expect(wrong.app.info({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(wrong.auth.session({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(refused).toBe(1);
  });

  it("passes the shell's validation errors through with their code", async () => {
    const api = createApi(createHttpTransport({ baseUrl: page.web.origin, token: page.web.token }));
    await expect(api.auth.verifyOtp({ otp: "12ab56" })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});
