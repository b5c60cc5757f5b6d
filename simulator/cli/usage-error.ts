/** A command-line mistake: the CLI prints the message and the usage, and exits 64 (EX_USAGE). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

export const EX_USAGE = 64;
