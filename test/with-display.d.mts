// Types of with-display.mjs (plain JavaScript, run by test/run-all.sh with nothing else loaded).

export function displayCommand(
  argv: string[],
  env?: Record<string, string | undefined>,
  platform?: NodeJS.Platform,
): { command: string[]; virtual: boolean };
