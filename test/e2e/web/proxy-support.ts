import fs from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { expect } from "./fixtures.js";
import type { BrowserShell } from "./shell.js";

/** No proxy variable, bus or display from the test run's own environment: each test says what it wants. */
export const cleanNetworkEnv: Record<string, string | undefined> = Object.fromEntries(
  [
    ...["HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY", "NO_PROXY"].flatMap((name) => [name, name.toLowerCase()]),
    "DBUS_SESSION_BUS_ADDRESS",
    "DISPLAY",
    "WAYLAND_DISPLAY",
    "XDG_RUNTIME_DIR",
  ].map((name) => [name, undefined]),
);

export const proxyDialogName = "The proxy asks for a user name and password";

/** Calls a contract method of `shell` with its token (behind the UI, as the page would). */
export async function api(page: Page, shell: BrowserShell, method: string, input: unknown = {}) {
  const response = await page.request.post(`${shell.origin}/api/${method}`, {
    headers: { Authorization: `Bearer ${shell.token}`, "Content-Type": "application/json" },
    data: input,
  });
  return (await response.json()) as Record<string, unknown>;
}

interface CheckedStep {
  id: string;
  status: string;
  detail: string;
  hint: string | null;
  code?: string;
}

/** Runs the connectivity check of `shell` on `url` and waits for its stored result. */
export async function runCheck(page: Page, shell: BrowserShell, url: string, caFile: string) {
  const started = await api(page, shell, "connectivity.run", {
    target: { kind: "url", url },
    caFile,
    timeoutMs: 3000,
  });
  const runId = String(started["runId"]);
  let steps: CheckedStep[] = [];
  await expect
    .poll(
      async () => {
        const run = await api(page, shell, "connectivity.get", { runId });
        const result = run["result"] as { steps: CheckedStep[] } | undefined;
        steps = result?.steps ?? [];
        return steps.length;
      },
      { timeout: 20_000 },
    )
    .toBe(6);
  const step = (id: string): CheckedStep => {
    const found = steps.find((each) => each.id === id);
    if (!found) throw new Error(`no ${id} step`);
    return found;
  };
  return { steps, step };
}

/** Every file under `dir`, for a search of what the app wrote. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The files under `dirs` and the printed `texts` that contain any of `secrets`, in any of their spellings. */
export function leaksOf(secrets: string[], dirs: string[], texts: Record<string, string>): string[] {
  const needles = secrets.flatMap((secret) => [secret, encodeURIComponent(secret)]);
  const found: string[] = [];
  for (const dir of dirs) {
    for (const file of filesUnder(dir)) {
      const content = fs.readFileSync(file);
      for (const needle of needles) if (content.includes(needle)) found.push(`${file} holds ${needle}`);
    }
  }
  for (const [name, text] of Object.entries(texts)) {
    for (const needle of needles) if (text.includes(needle)) found.push(`${name} printed ${needle}`);
  }
  return found;
}
