import { spawnSync } from "node:child_process";

/** What the product itself uses from Debian: build tools for the native modules, PC/SC, the keychain. */
export const productPackages = {
  required: ["python3", "make", "g++"],
  optional: ["pkg-config", "libpcsclite-dev", "pcscd", "libsecret-1-dev"],
};

/**
 * What the tests use on top: a browser, the virtual smartcard reader and its tools, curl, a
 * session bus and GNOME Keyring for the keychain tests, PostgreSQL and HAProxy for the
 * simulator shared by several instances, and for the documentation's screenshots and the user
 * guide: CJK fonts (Chinese as real glyphs in Chromium's PNGs and PDFs), pngquant (smaller PNGs)
 * and poppler-utils (the guide's test reads the PDFs back).
 */
export const testPackages = [
  "chromium",
  "vsmartcard-vpcd",
  "pcsc-tools",
  "curl",
  "dbus",
  "gnome-keyring",
  "postgresql",
  "haproxy",
  "fonts-noto-cjk",
  "pngquant",
  "poppler-utils",
];

const run = (command, args, options = {}) => spawnSync(command, args, { encoding: "utf8", ...options });

export const isDebian = () =>
  process.platform === "linux" &&
  run("dpkg-query", ["--version"]).status === 0 &&
  run("apt-get", ["--version"]).status === 0;

export function missingPackages(names) {
  return names.filter((name) => {
    const status = run("dpkg-query", ["-W", "-f=${Status}", name]);
    return status.status !== 0 || !status.stdout.includes("install ok installed");
  });
}

/** "" as root, "sudo" where sudo works without a password, undefined where neither. */
function privilege() {
  if (process.getuid?.() === 0) return "";
  return run("sudo", ["-n", "true"]).status === 0 ? "sudo" : undefined;
}

export const installCommand = (names) => `sudo apt-get install -y ${names.join(" ")}`;

/**
 * Installs the missing ones of `names` with apt-get when root or sudo allows it.
 * Returns the names still missing afterwards, with the reason.
 */
export function installMissing(names, log) {
  const missing = missingPackages(names);
  if (missing.length === 0) return { missing: [] };
  const sudo = privilege();
  if (sudo === undefined) return { missing, reason: "no root rights and no password-less sudo" };
  log(`Installing Debian packages: ${missing.join(" ")}`);
  const prefix = sudo ? [sudo] : [];
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const step = (args) => {
    const [command, ...rest] = [...prefix, ...args];
    return run(command, rest, { env, stdio: ["ignore", "ignore", "pipe"] });
  };
  const update = step(["apt-get", "update", "-qq"]);
  const install =
    update.status === 0
      ? step(["apt-get", "install", "-y", "-qq", "--no-install-recommends", ...missing])
      : update;
  const still = missingPackages(missing);
  if (still.length === 0) return { missing: [] };
  const why =
    (install.stderr || "").trim().split("\n").slice(-1)[0] || `apt-get exited with ${install.status}`;
  return { missing: still, reason: why };
}
