import fs from "node:fs";
import { app, BrowserWindow, ipcMain, protocol, session, utilityProcess } from "electron";
import { ipcChannel } from "../../shared/contract/names.js";
import { commandLineServer } from "../host/config.js";
import { createServices, type Services } from "../host/create-services.js";
import { prepareAppFiles } from "./app-files.js";
import { APP_URL, handleAppProtocol, registerAppScheme } from "./app-protocol.js";
import { isCheckMode } from "../host/check-mode/check-mode-args.js";
import { mainUsage, parseMainArgs } from "./args.js";
import { browserRoute } from "./browser-route.js";
import { runCheckModeMain } from "./check-mode.js";
import { registerIpc } from "./ipc.js";
import { setAppMenu } from "./menu.js";
import { pageLanguage } from "./user-guide.js";
import { appPaths } from "./paths.js";
import { utilityLauncher } from "./utility-launcher.js";
import { createMainWindow, lockDownContents } from "./window.js";

export interface MainOptions {
  argv?: string[];
  /** Overrides `app.getPath("userData")`. */
  dataDir?: string;
  bundleDir?: string;
  simulatorHashProfile?: "fast" | "production";
}

export interface MainHandle {
  services: Services;
  window: BrowserWindow;
}

/**
 * The Electron shell: one instance, one hardened window showing the renderer
 * from app://, the contract's methods over IPC and its events pushed to the page.
 * Resolves with the handle once the window exists; null when another instance runs.
 */
export async function runMain(options: MainOptions = {}): Promise<MainHandle | null> {
  const argv = options.argv ?? process.argv.slice(1);
  if (isCheckMode(argv)) {
    const systemRoot = app.isPackaged ? undefined : process.env["CCMS_SYSTEM_ROOT"];
    await runCheckModeMain(argv, { dataDir: options.dataDir, systemRoot });
    return null;
  }
  const args = parseMainArgs(argv);
  if ("error" in args) {
    console.error(`${args.error}\n${mainUsage}`);
    app.exit(64);
    return null;
  }
  // The instance lock belongs to the data folder: one app per folder. Electron expects the folder to exist.
  if (args.dataDir) {
    try {
      fs.mkdirSync(args.dataDir, { recursive: true });
    } catch (error) {
      console.error(`The data folder ${args.dataDir} cannot be created: ${(error as Error).message}`);
      app.exit(73);
      return null;
    }
    app.setPath("userData", args.dataDir);
  }
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  registerAppScheme(protocol);
  app.on("web-contents-created", (_event, contents) => lockDownContents(contents));
  const files = prepareAppFiles(app, options.dataDir ?? args.dataDir);
  files.log?.info(
    `CCMS Terminal ${app.getVersion()} started; settings in ${files.settings}, data in ${files.local}`,
  );

  await app.whenReady();
  const paths = appPaths(options.bundleDir);
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  handleAppProtocol(protocol, paths.rendererDir);

  // The built-in simulator starts in a utility process of its own while the window opens;
  // the page shows that it is starting, and sign-in waits for it. IT's machine-wide defaults are read
  // from the system's location; only an app run from source takes another root for them (tests).
  const systemRoot = app.isPackaged ? undefined : process.env["CCMS_SYSTEM_ROOT"];
  const services = await createServices(
    {
      dataDir: files.settings,
      localDataDir: files.local,
      ...(args.server ? { server: commandLineServer(args.server) } : {}),
      ...(args.idleLockMinutes === undefined ? {} : { idleLockMinutes: args.idleLockMinutes }),
      shell: "electron",
      version: app.getVersion(),
      userGuideDir: paths.userGuideDir,
      ...(systemRoot ? { systemRoot } : {}),
      ...(options.simulatorHashProfile ? { simulatorHashProfile: options.simulatorHashProfile } : {}),
      ...(smartcardLeftOut(paths.packageJson) ? { smartcardInBuild: false } : {}),
    },
    undefined,
    {
      resolveProxy: (url) => session.defaultSession.resolveProxy(url),
      simulator: utilityLauncher(utilityProcess.fork, paths.simulator),
      ...(files.log ? { log: files.log } : {}),
      browser: browserRoute(session.defaultSession),
    },
  );
  const warn = (problem: { message: string } | null) => {
    if (problem) console.warn(problem.message);
  };
  warn(services.context.connection().problem);
  services.context.onServerChanged((connection) => warn(connection.problem));
  registerIpc(ipcMain, services.dispatch);

  let window = createMainWindow(paths.preload, APP_URL);
  setAppMenu({
    logFolder: files.log?.folder ?? files.local,
    machineLanguage: services.context.machine.defaults.language,
    userGuideDir: paths.userGuideDir,
    pageLanguage: () => pageLanguage(window.webContents),
    // Through the event hub, as every event to the page: checked against the contract, sent to the window.
    sendToPage: (command) => services.events.emit("app.menuCommand", command),
  });
  services.events.listen((event, payload) => {
    for (const each of BrowserWindow.getAllWindows()) each.webContents.send(ipcChannel(event), payload);
  });

  app.on("second-instance", () => {
    if (window.isDestroyed()) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on("activate", () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createMainWindow(paths.preload, APP_URL);
  });
  app.on("window-all-closed", () => app.quit());
  let closed = false;
  app.on("before-quit", (event) => {
    if (closed) return;
    event.preventDefault();
    void services.close().finally(() => {
      files.log?.info("CCMS Terminal closed.");
      closed = true;
      app.quit();
    });
  });
  return { services, window };
}

/** Whether this package was built without the smartcard module (`npm run dist -- --without-smartcard`). */
function smartcardLeftOut(packageJson: string): boolean {
  try {
    return (
      (JSON.parse(fs.readFileSync(packageJson, "utf8")) as { ccmsSmartcard?: unknown }).ccmsSmartcard ===
      "left-out"
    );
  } catch {
    return false;
  }
}
