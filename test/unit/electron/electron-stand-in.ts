import { fork } from "node:child_process";
import { EventEmitter } from "node:events";
import fs from "node:fs";
import path from "node:path";
import { createChromiumNet, resetSession } from "../../support/electron-bundle/chromium-net.cjs";

/**
 * A stand-in for the `electron` module (its binary cannot run here). It keeps
 * a record of what the shell asked Electron for, and routes ipcRenderer calls
 * to the ipcMain handlers as Electron would, from a page at `senderUrl`.
 */
export interface Record {
  windows: FakeBrowserWindow[];
  ipcHandlers: Map<string, (event: unknown, ...args: unknown[]) => unknown>;
  ipcRegistrations: string[];
  privilegedSchemes: unknown[];
  protocolHandlers: Map<string, (request: Request) => Promise<Response> | Response>;
  permissionRequestHandler: ((...args: unknown[]) => void) | null;
  permissionCheckHandler: ((...args: unknown[]) => boolean) | null;
  exposed: Map<string, unknown>;
  appListeners: Map<string, ((...args: unknown[]) => void)[]>;
  singleInstanceLock: boolean;
  lockRequests: number;
  quitCalls: number;
  exitCodes: number[];
  userData: string;
  senderUrl: string;
  rendererListeners: Map<string, Set<(...args: unknown[]) => void>>;
  proxyQueries: string[];
  /** When set, `loadURL` rejects with it, as Electron does when a page cannot load. */
  loadFailure: Error | null;
  ready: boolean;
  utilityForks: { modulePath: string; serviceName: string | undefined }[];
  /** What `session.resolveProxy` answers (PAC form). */
  proxyAnswer: string;
  /** `app.isPackaged`: false, as when run from source. */
  isPackaged: boolean;
  /** The template of the last `Menu.setApplicationMenu(Menu.buildFromTemplate(…))`. */
  menu: unknown[] | null;
  /** Folders and files opened with `shell.openPath`. */
  openedPaths: string[];
  aboutPanels: number;
  /** `app.getLocale()`. */
  locale: string;
  /** Paths set with `app.setPath`, by name. */
  paths: Map<string, string>;
  /** This computer's hosts file, as the stand-in's network stack reads it (name → address). */
  hosts: { [name: string]: string };
}

export const record: Record = fresh();

function fresh(): Record {
  return {
    windows: [],
    ipcHandlers: new Map(),
    ipcRegistrations: [],
    privilegedSchemes: [],
    protocolHandlers: new Map(),
    permissionRequestHandler: null,
    permissionCheckHandler: null,
    exposed: new Map(),
    appListeners: new Map(),
    singleInstanceLock: true,
    lockRequests: 0,
    quitCalls: 0,
    exitCodes: [],
    userData: "",
    senderUrl: "app://ccms/index.html",
    rendererListeners: new Map(),
    proxyQueries: [],
    loadFailure: null,
    ready: false,
    utilityForks: [],
    proxyAnswer: "PROXY proxy.cp.example:8080",
    isPackaged: false,
    menu: null,
    openedPaths: [],
    aboutPanels: 0,
    locale: "en-GB",
    paths: new Map(),
    hosts: {},
  };
}

/** Chromium's network stack, played on Node's: `net.request`, `net.fetch` and the default session's. */
const chromium = createChromiumNet({ systemProxy: () => record.proxyAnswer, hosts: () => record.hosts });
const chromiumResolveProxy = chromium.defaultSession.resolveProxy;

export function resetRecord(): void {
  Object.assign(record, fresh());
  resetSession(chromium.defaultSession);
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: unknown) => unknown) | null = null;
  sent: { channel: string; payload: unknown }[] = [];

  setWindowOpenHandler(handler: (details: unknown) => unknown): void {
    this.windowOpenHandler = handler;
  }

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
    for (const listener of record.rendererListeners.get(channel) ?? []) listener({}, payload);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly options: unknown;
  readonly webContents = new FakeWebContents();
  loadedUrls: string[] = [];

  constructor(options: unknown) {
    super();
    this.options = options;
    record.windows.push(this);
  }

  static getAllWindows(): FakeBrowserWindow[] {
    return record.windows;
  }

  shown = false;

  loadURL(url: string): Promise<void> {
    this.loadedUrls.push(url);
    return record.loadFailure ? Promise.reject(record.loadFailure) : Promise.resolve();
  }

  isDestroyed(): boolean {
    return false;
  }

  isMinimized(): boolean {
    return false;
  }

  restore(): void {}
  focus(): void {}
  show(): void {
    this.shown = true;
  }
}

/** Simulates an invoke from the page: the event carries the sender frame's URL. */
export async function invokeFromPage(
  channel: string,
  input: unknown,
  senderUrl = record.senderUrl,
): Promise<unknown> {
  const handler = record.ipcHandlers.get(channel);
  if (!handler) throw new Error(`No handler registered for '${channel}'`);
  return handler({ senderFrame: { url: senderUrl } }, input);
}

export const electronStandIn = {
  app: {
    get isPackaged() {
      return record.isPackaged;
    },
    requestSingleInstanceLock: () => {
      record.lockRequests += 1;
      return record.singleInstanceLock;
    },
    quit: () => {
      record.quitCalls += 1;
    },
    exit: (code: number) => {
      record.exitCodes.push(code);
    },
    on: (event: string, listener: (...args: unknown[]) => void) => {
      const list = record.appListeners.get(event) ?? [];
      list.push(listener);
      record.appListeners.set(event, list);
    },
    whenReady: () => {
      record.ready = true;
      return Promise.resolve();
    },
    getPath: () => record.userData,
    // Electron throws for a folder that does not exist.
    setPath: (name: string, value: string) => {
      if (!fs.existsSync(value)) throw new Error(`Failed to set path: ${value} does not exist`);
      record.paths.set(name, value);
      if (name === "userData") record.userData = value;
    },
    getVersion: () => "0.0.0-test",
    getLocale: () => record.locale,
    showAboutPanel: () => {
      record.aboutPanels += 1;
    },
  },
  Menu: {
    /** Electron's Menu keeps the template's items; the stand-in keeps the template. */
    buildFromTemplate: (template: unknown[]) => ({ items: template }),
    setApplicationMenu: (menu: { items: unknown[] } | null) => {
      record.menu = menu?.items ?? null;
    },
  },
  shell: {
    openPath: (target: string) => {
      record.openedPaths.push(target);
      return Promise.resolve("");
    },
  },
  BrowserWindow: FakeBrowserWindow,
  utilityProcess: {
    /** A Node child process with Electron's `process.parentPort`; like Electron, only once the app is ready. */
    fork: (
      modulePath: string,
      args: string[] = [],
      options: { serviceName?: string; stdio?: ("ignore" | "inherit" | "pipe")[] } = {},
    ) => {
      if (!record.ready) throw new Error("utilityProcess.fork can only be called after the app is ready");
      record.utilityForks.push({ modulePath, serviceName: options.serviceName });
      const shim = path.resolve(import.meta.dirname, "../../support/electron-bundle/parent-port.cjs");
      const child = fork(modulePath, args, {
        execArgv: ["--require", shim],
        stdio: [...(options.stdio ?? ["ignore", "ignore", "inherit"]), "ipc"],
      });
      // As Electron's: `stderr` is a readable stream when it was asked for with "pipe".
      const utility = Object.assign(new EventEmitter(), {
        postMessage: (message: unknown) => child.send(message as object),
        kill: () => child.kill("SIGTERM"),
        stderr: child.stderr,
      });
      child.on("spawn", () => utility.emit("spawn"));
      child.on("message", (message) => utility.emit("message", message));
      child.on("exit", (code) => utility.emit("exit", code ?? 1));
      return utility;
    },
  },
  ipcMain: {
    handle: (channel: string, handler: (event: unknown, ...args: unknown[]) => unknown) => {
      record.ipcRegistrations.push(channel);
      // Electron refuses a second handler on one channel; so does the stand-in.
      if (record.ipcHandlers.has(channel))
        throw new Error(`Attempted to register a second handler for '${channel}'`);
      record.ipcHandlers.set(channel, handler);
    },
    removeHandler: (channel: string) => {
      record.ipcHandlers.delete(channel);
    },
  },
  ipcRenderer: {
    invoke: (channel: string, input: unknown) => invokeFromPage(channel, input),
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      const set = record.rendererListeners.get(channel) ?? new Set();
      set.add(listener);
      record.rendererListeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => {
      record.rendererListeners.get(channel)?.delete(listener);
    },
  },
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => {
      if (record.exposed.has(key))
        throw new Error(`Cannot bind an API on top of an existing property '${key}'`);
      record.exposed.set(key, api);
    },
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: unknown[]) => {
      record.privilegedSchemes.push(...schemes);
    },
    handle: (scheme: string, handler: (request: Request) => Promise<Response> | Response) => {
      record.protocolHandlers.set(scheme, handler);
    },
  },
  net: chromium.net,
  session: {
    defaultSession: Object.assign(chromium.defaultSession, {
      setPermissionRequestHandler: (handler: (...args: unknown[]) => void) => {
        record.permissionRequestHandler = handler;
      },
      setPermissionCheckHandler: (handler: (...args: unknown[]) => boolean) => {
        record.permissionCheckHandler = handler;
      },
      /** The session's answer (the system's is `record.proxyAnswer`), each question recorded. */
      resolveProxy: (url: string) => {
        record.proxyQueries.push(url);
        return chromiumResolveProxy(url);
      },
    }),
  },
};
