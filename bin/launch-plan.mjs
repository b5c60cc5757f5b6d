// The decisions of `npm start`'s launcher (bin/electron-start.mjs), as functions of what they read,
// so they can be tested without Electron's binary.
import fs from "node:fs";
import path from "node:path";

/**
 * Electron's binary, as node_modules/electron/index.js finds it (ELECTRON_OVERRIDE_DIST_PATH first,
 * path.txt naming the executable), or null when it is not there.
 */
export function electronBinary(electronDir, env = process.env) {
  let relative = null;
  try {
    relative = fs.readFileSync(path.join(electronDir, "path.txt"), "utf8").trim();
  } catch {
    // Not installed, unless a dist folder is given.
  }
  const binary = env.ELECTRON_OVERRIDE_DIST_PATH
    ? path.join(env.ELECTRON_OVERRIDE_DIST_PATH, relative || "electron")
    : relative && path.join(electronDir, "dist", relative);
  return binary && fs.existsSync(binary) ? binary : null;
}

/**
 * The browser shell as built by `npm run build` (dist-qa/web-shell.cjs, which starts the built-in
 * simulator from dist-electron/simulator.cjs), run by this very Node (`process.execPath`): nothing is
 * compiled at run time, and no `node_modules/.bin` shell script is needed, which `spawn` cannot run on
 * Windows.
 */
export function browserShellCommand(root, execPath, args) {
  return {
    file: execPath,
    args: [...browserShellNodeFlags, browserShellBundle(root), ...args],
  };
}

/** The browser shell's bundle, built by `npm run build`. */
export function browserShellBundle(root) {
  return path.join(root, "dist-qa", "web-shell.cjs");
}

/**
 * Node's flags for the browser shell: V8's young generation held at 1 MB a half (it grows to 16 MB
 * while the shell starts and keeps that, 5 MB of a process that is otherwise some 75 MB), and V8 told
 * to favour size over speed (some 2.5 MB less after a sign-in; a page's calls are not measurably slower).
 */
export const browserShellNodeFlags = ["--max-semi-space-size=1", "--optimize-for-size"];

/** Why Electron's installer failed, in one line: its first line that is not a stack frame. */
export function downloadFailure(output) {
  const line = output
    .split(/\r?\n/)
    .map((text) => text.trim())
    .find((text) => text !== "" && !text.startsWith("at "));
  if (!line) return "no reason given";
  return line.length > 160 ? `${line.slice(0, 157)}…` : line;
}

/**
 * What to do when the person (Ctrl+C) or the system (SIGTERM) asks the launcher to stop.
 * A terminal's Ctrl+C reaches every process of its group, the child included: passing it on would
 * be a second SIGINT, which cuts Electron's graceful quit short. On Windows a signal kills at once,
 * so the app is asked to close its window instead (taskkill without /F), which runs `before-quit`.
 */
export function stopPlan(signal, platform, childKind) {
  if (platform === "win32") {
    return childKind === "electron" ? { action: "close-windows" } : { action: "none" };
  }
  return signal === "SIGINT" ? { action: "none" } : { action: "signal", signal };
}

const rootMessage = /Running as root without --no-sandbox is not supported/;
const suidMessage = /The SUID sandbox helper binary was found, but is not configured correctly/;
const noSandboxMessage = /No usable sandbox!/;

/**
 * When Electron died at start on Linux because its sandbox cannot run: what happened and the exact
 * commands that fix it (never --no-sandbox). Null for any other failure. `facts` reads the machine.
 */
export function sandboxAdvice(stderr, binary, facts = machineFacts(binary)) {
  if (rootMessage.test(stderr)) {
    return [
      "Electron refused to start: it does not run as root with its sandbox on, and the app never turns it off.",
      "Start the app as your own user (not with sudo, not as root).",
    ];
  }
  if (!suidMessage.test(stderr) && !noSandboxMessage.test(stderr)) return null;
  const sandbox = path.join(path.dirname(binary), "chrome-sandbox");
  const quoted = (text) => `'${text.replaceAll("'", "'\\''")}'`;
  const why = [];
  if (facts.sandboxOwner !== null && (facts.sandboxOwner !== 0 || (facts.sandboxMode & 0o7777) !== 0o4755)) {
    why.push(
      `its sandbox helper ${sandbox} is owned by uid ${facts.sandboxOwner} with mode ${(facts.sandboxMode & 0o7777).toString(8)}, but must be owned by root with mode 4755`,
    );
  }
  if (facts.usernsRestricted) {
    why.push(
      "unprivileged user namespaces are restricted here (kernel.apparmor_restrict_unprivileged_userns = 1)",
    );
  }
  const profile = "ccms-terminal-electron";
  return [
    "Electron refused to start: its sandbox cannot run on this machine.",
    why.length > 0 ? `Why: ${why.join("; and ")}.` : "Why: see Electron's message above.",
    "Fix it in either of these ways (the app never turns the sandbox off), then run npm start again:",
    "  1. Make the sandbox helper setuid root:",
    `       sudo chown root:root ${quoted(sandbox)}`,
    `       sudo chmod 4755 ${quoted(sandbox)}`,
    "  2. Or allow this Electron to use user namespaces (Ubuntu 23.10 and later restrict them with AppArmor):",
    `       printf 'abi <abi/4.0>,\\ninclude <tunables/global>\\nprofile ${profile} "%s" flags=(unconfined) {\\n  userns,\\n}\\n' ${quoted(binary)} | sudo tee /etc/apparmor.d/${profile}`,
    `       sudo apparmor_parser -r /etc/apparmor.d/${profile}`,
  ];
}

/** What the sandbox advice needs to know about this machine. */
export function machineFacts(binary) {
  let sandboxOwner = null;
  let sandboxMode = 0;
  try {
    const stat = fs.statSync(path.join(path.dirname(binary), "chrome-sandbox"));
    sandboxOwner = stat.uid;
    sandboxMode = stat.mode;
  } catch {
    // No helper at all: the message above says what Electron looked for.
  }
  let usernsRestricted = false;
  try {
    usernsRestricted =
      fs.readFileSync("/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "utf8").trim() === "1";
  } catch {
    // Not an AppArmor kernel.
  }
  return { sandboxOwner, sandboxMode, usernsRestricted };
}
