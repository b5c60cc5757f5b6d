import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServices, type Services } from "../../../electron/host/create-services.js";
import { useNav } from "../../../renderer/app/nav-store.js";
import { useAuth } from "../../../renderer/features/auth/auth-store.js";
import { useSettings } from "../../../renderer/features/settings/settings-store.js";
import { watchedLauncher } from "../../support/host-services.js";
import { connectPage } from "../../support/page-bridge.js";

/**
 * The page while the built-in simulator's process starts: the renderer's
 * stores over the real browser shell and HTTP bridge, with the simulator's
 * start message held back until the test lets it go.
 */
let dataDir: string;
let services: Services;
let page: Awaited<ReturnType<typeof connectPage>>;
const watched = watchedLauncher();

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "ccms-renderer-start-"));
  services = await createServices(
    { dataDir, shell: "web", version: "0.0.0-test", simulatorHashProfile: "fast" },
    () => {},
    { simulator: watched.launcher },
  );
  page = await connectPage(services);
});

afterAll(async () => {
  await page?.close();
  await services?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe("the page while the built-in simulator starts", () => {
  it("knows it is starting, tells a sign-in to wait, then shows the phase and signs in", async () => {
    const loading = useSettings.getState().load();
    await expect.poll(() => useSettings.getState().info?.server.starting).toBe(true);
    expect(useSettings.getState().simStatus).toBeNull();

    await useAuth.getState().submitPassword("demo.user", "Demo#2023pass");
    expect(useAuth.getState().error).toEqual({ code: "SERVER_STARTING" });
    expect(useNav.getState().screen).toBe("login");

    watched.release();
    await loading;
    expect(useSettings.getState().info?.server).toMatchObject({ starting: false, simulated: true });
    expect(useSettings.getState().simStatus?.phase).toMatch(/^(smartcard-only|parallel-run|2fa-only)$/);

    await useAuth.getState().submitPassword("demo.user", "Demo#2023pass");
    expect(useAuth.getState().error).toBeNull();
    expect(useNav.getState().screen).toBe("otp");
  });
});
