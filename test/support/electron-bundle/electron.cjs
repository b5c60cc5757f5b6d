/* eslint-disable @typescript-eslint/no-require-imports -- CommonJS, loaded with node --require */
// A stand-in for the `electron` module, for running the bundled main process under plain Node
// (Electron's binary cannot run here). It prints what the shell asked of Electron as JSON lines,
// runs utility processes as Node child processes with `process.parentPort`, and offers the
// registered IPC handlers to a driver (see drive-sign-in.cjs) as the page would call them.
const { EventEmitter } = require("node:events");
const { fork } = require("node:child_process");
const path = require("node:path");
const { createChromiumNet } = require("./chromium-net.cjs");

const out = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);
const handlers = new Map();
const protocolHandlers = new Map();
const appListeners = new Map();
let ready = false;
const paths = new Map([["userData", ""]]);
// Chromium's network stack, played on Node's: "this computer's proxy settings" are CCMS_STANDIN_SYSTEM_PROXY
// (PAC form), its hosts file CCMS_STANDIN_HOSTS (`name=address,…`).
const chromium = createChromiumNet({
  systemProxy: () => process.env.CCMS_STANDIN_SYSTEM_PROXY || "DIRECT",
  hosts: () =>
    Object.fromEntries(
      (process.env.CCMS_STANDIN_HOSTS ?? "")
        .split(",")
        .filter((entry) => entry.includes("="))
        .map((entry) => entry.split("=").map((part) => part.trim())),
    ),
});

// Utility processes say they have spawned only once the driver opens this gate: a process slow to
// start, so the driver sees the app while the built-in simulator is still starting.
let gateOpen = false;
const gateWaiters = [];
const whenGateOpen = (run) => (gateOpen ? run() : gateWaiters.push(run));

class WebContents extends EventEmitter {
  setWindowOpenHandler() {}
  send(channel, payload) {
    out({ sent: channel, payload });
  }
}

class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.webContents = new WebContents();
    BrowserWindow.all.push(this);
    out({ window: options.webPreferences });
  }
  loadURL(url) {
    out({ loadURL: url });
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
  show() {}
  static getAllWindows() {
    return BrowserWindow.all;
  }
}
BrowserWindow.all = [];

const app = {
  // As when run from source.
  isPackaged: false,
  requestSingleInstanceLock: () => true,
  exit(code) {
    out({ exit: code });
    process.exit(code);
  },
  on(event, listener) {
    appListeners.set(event, [...(appListeners.get(event) ?? []), listener]);
  },
  whenReady: () => {
    ready = true;
    return Promise.resolve();
  },
  setPath(name, value) {
    paths.set(name, value);
  },
  getPath: (name) => paths.get(name) ?? "",
  getVersion: () => "9.9.9",
  getLocale: () => "en-US",
  showAboutPanel() {},
  // As Electron does: `before-quit` first; the app quits unless a listener prevents it.
  quit() {
    let prevented = false;
    const event = { preventDefault: () => (prevented = true) };
    for (const listener of appListeners.get("before-quit") ?? []) listener(event);
    if (prevented) return;
    out({ quit: true });
    process.exit(0);
  },
};

const utilityProcess = {
  fork(modulePath, args = [], options = {}) {
    if (!ready) throw new Error("utilityProcess.fork can only be called after the app is ready");
    const stdio = Array.isArray(options.stdio) ? options.stdio : ["ignore", "inherit", "inherit"];
    const child = fork(modulePath, args, {
      execArgv: [...(options.execArgv ?? []), "--require", path.join(__dirname, "parent-port.cjs")],
      env: options.env ?? process.env,
      stdio: [...stdio, "ipc"],
    });
    out({ utilityFork: path.basename(modulePath), serviceName: options.serviceName });
    const utility = new EventEmitter();
    utility.postMessage = (message) => child.send(message);
    utility.kill = () => child.kill("SIGTERM");
    utility.stderr = child.stderr;
    child.on("spawn", () => whenGateOpen(() => utility.emit("spawn")));
    child.on("message", (message) => utility.emit("message", message));
    child.on("exit", (code, signal) => {
      out({ utilityExit: code, signal });
      utility.emit("exit", code ?? 1);
    });
    return utility;
  },
};

module.exports = {
  app,
  BrowserWindow,
  utilityProcess,
  Menu: {
    buildFromTemplate: (template) => ({ items: template }),
    setApplicationMenu(menu) {
      out({ menu: (menu?.items ?? []).map((item) => item.label) });
    },
  },
  shell: { openPath: () => Promise.resolve("") },
  ipcMain: {
    handle(channel, handler) {
      handlers.set(channel, handler);
    },
    removeHandler() {},
  },
  protocol: {
    registerSchemesAsPrivileged() {},
    handle(scheme, handler) {
      protocolHandlers.set(scheme, handler);
    },
  },
  net: chromium.net,
  session: {
    defaultSession: Object.assign(chromium.defaultSession, {
      setPermissionRequestHandler() {},
      setPermissionCheckHandler() {},
    }),
  },
  // For the driver only: not part of Electron's API.
  standIn: {
    out,
    hasHandler: (channel) => handlers.has(channel),
    call: (method, input) =>
      handlers.get(`ccms:${method}`)({ senderFrame: { url: "app://ccms/index.html" } }, input),
    /** What the page would get for a URL of a scheme the app handles (app://). */
    request: (url) => protocolHandlers.get(new URL(url).protocol.slice(0, -1))(new Request(url)),
    openSpawnGate() {
      gateOpen = true;
      for (const run of gateWaiters.splice(0)) run();
    },
  },
};
