import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { isBuilt, libraryPresent, loads, optionalNativeModules } from "./native-modules.mjs";
import { installCommand, isDebian, missingPackages } from "./system-packages.mjs";

const moduleNamed = (name) => optionalNativeModules.find((m) => m.name === name);

/** Why a native module is not usable, in one clause, with the command that fixes it where there is one. */
function whyNot(root, module) {
  if (!libraryPresent(module)) {
    return `${module.library.debian} is missing, so the ${module.name} module was not built (${installCommand([module.library.debian])}, then npm run setup)`;
  }
  if (!isBuilt(root, module)) return `the ${module.name} module did not build (see the messages above)`;
  const probe = loads(root, module);
  return probe.ok ? undefined : `the ${module.name} module does not load: ${probe.why}`;
}

function smartcardLine(root) {
  const problem = whyNot(root, moduleNamed("smartcard"));
  if (problem) return `not available: ${problem}. Sign-in by OTP and the simulated reader still work.`;
  if (process.platform !== "linux") return "available.";
  const pcscd = isDebian()
    ? missingPackages(["pcscd"]).length === 0
    : spawnSync("sh", ["-c", "command -v pcscd"]).status === 0;
  return pcscd
    ? "available (smartcard module built, pcscd installed)."
    : `not available: pcscd, the PC/SC service, is not installed (${installCommand(["pcscd"])}).`;
}

function keychainLine(root) {
  const problem = whyNot(root, moduleNamed("@github/keytar"));
  if (problem) return `not available: ${problem}.`;
  if (process.platform === "linux" && !process.env.DBUS_SESSION_BUS_ADDRESS) {
    return "keytar is built, but no desktop session bus is reachable here, so the app treats the keychain as unavailable until a Secret Service (GNOME Keyring, KWallet) runs.";
  }
  return "available (keytar built; it uses the system's keychain).";
}

function electronLine(root) {
  const dir = path.join(root, "node_modules", "electron");
  try {
    const binary = fs.readFileSync(path.join(dir, "path.txt"), "utf8").trim();
    if (fs.existsSync(path.join(dir, "dist", binary))) return "present.";
  } catch {
    // No path.txt: the binary was never fetched.
  }
  return "not present: npm start fetches it, and opens the browser shell where it cannot.";
}

/** One short summary of the optional parts, as lines to print. */
export function optionalPartsSummary(root) {
  return [
    "Optional parts:",
    `  PC/SC smartcard access: ${smartcardLine(root)}`,
    `  OS keychain: ${keychainLine(root)}`,
    `  Electron's binary: ${electronLine(root)}`,
  ];
}
