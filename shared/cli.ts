/**
 * What the project's command-line tools (the simulator, the browser shell, ccms-check, the virtual
 * card) have in common: their exit statuses and how they answer a command-line mistake. Imports
 * nothing and touches no process: each tool does its own printing and exiting with these.
 */
export const exitCodes = {
  ok: 0,
  /** The tool could not do what was asked, for a reason it printed (a card file exists, no data folder). */
  failure: 1,
  /** ccms-check: the check passed with warnings. */
  checkWarnings: 1,
  /** ccms-check: a step failed, or the report could not be saved. */
  checkFailed: 2,
  /** EX_USAGE: a command-line mistake; the message and the usage go to stderr. */
  usage: 64,
  /** EX_UNAVAILABLE: something the tool needs is not there (its port is taken). */
  unavailable: 69,
  /** EX_SOFTWARE: an error the tool did not expect; one line, no stack trace. */
  software: 70,
} as const;
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/**
 * A command-line mistake. The tool answers it with `usageErrorText` on stderr and exits
 * `exitCodes.usage`; `usage` is the text of the subcommand at fault, when it has its own.
 */
export class UsageError extends Error {
  override readonly name = "UsageError";

  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
  }
}

/** `<program>: <what is wrong>`, a blank line, then the usage: every tool's answer to a mistake. */
export function usageErrorText(program: string, error: UsageError, usage: string): string {
  return `${program}: ${error.message}\n\n${(error.usage ?? usage).trimEnd()}\n`;
}

/** `<program>: <what went wrong>` on one line: every tool's answer to a failure it did not expect. */
export function failureText(program: string, error: unknown): string {
  return `${program}: ${error instanceof Error ? error.message : String(error)}\n`;
}
