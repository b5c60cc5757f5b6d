// Types of launch-plan.mjs (plain JavaScript, so that `node bin/electron-start.mjs` needs nothing else).

export function electronBinary(electronDir: string, env?: NodeJS.ProcessEnv): string | null;

export function browserShellCommand(
  root: string,
  execPath: string,
  args: string[],
): { file: string; args: string[] };

export const browserShellNodeFlags: string[];

export function browserShellBundle(root: string): string;

export function downloadFailure(output: string): string;

export type StopPlan =
  { action: "none" } | { action: "close-windows" } | { action: "signal"; signal: NodeJS.Signals };

export function stopPlan(
  signal: "SIGINT" | "SIGTERM",
  platform: NodeJS.Platform,
  childKind: "electron" | "browser shell",
): StopPlan;

export interface MachineFacts {
  /** Owner uid of chrome-sandbox beside the binary; null when there is none. */
  sandboxOwner: number | null;
  sandboxMode: number;
  /** kernel.apparmor_restrict_unprivileged_userns = 1 */
  usernsRestricted: boolean;
}

export function sandboxAdvice(stderr: string, binary: string, facts?: MachineFacts): string[] | null;

export function machineFacts(binary: string): MachineFacts;
