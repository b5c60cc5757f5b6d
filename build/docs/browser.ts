import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";

/** The variable naming a Chromium, Chrome or Edge of the user's choice. */
export const browserVariable = "CCMS_CHROMIUM";

/** Flags that keep Chromium from reaching out to networks these tools never need. */
const quietFlags = [
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--no-first-run",
  "--disable-sync",
];

/**
 * A Chromium-based browser on this computer: `CCMS_CHROMIUM`, else Debian's or Ubuntu's Chromium,
 * Google Chrome, Microsoft Edge (on every Windows 10 and 11), or Playwright's own where it was installed.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const given = env[browserVariable];
  if (given) return fs.existsSync(given) ? given : null;
  const windows = [env["ProgramFiles(x86)"], env["ProgramFiles"], env["LOCALAPPDATA"]]
    .filter((dir): dir is string => Boolean(dir))
    .flatMap((dir) => [
      path.join(dir, "Microsoft", "Edge", "Application", "msedge.exe"),
      path.join(dir, "Google", "Chrome", "Application", "chrome.exe"),
    ]);
  const candidates = [
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
    "/usr/bin/microsoft-edge",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    ...windows,
    playwrightsOwn(),
  ];
  return candidates.find((file) => file !== null && fs.existsSync(file)) ?? null;
}

function playwrightsOwn(): string | null {
  try {
    return chromium.executablePath();
  } catch {
    return null;
  }
}

/** Starts the browser headless; the error names what to install or set when there is none. */
export async function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (executablePath === null) {
    throw new Error(
      `No Chromium, Chrome or Edge was found. Install one (Debian: apt-get install chromium) or set ${browserVariable} to its executable.`,
    );
  }
  return chromium.launch({ executablePath, headless: true, args: quietFlags });
}
