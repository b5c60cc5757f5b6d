import { exitCodes, UsageError } from "../../shared/cli.js";
import { openApiDocument } from "../features/openapi/openapi-document.js";
import { cardCommand } from "../smartcard/card-command.js";
import { serveCommand, serveUsage } from "./serve-command.js";

/** A subcommand of the simulator CLI: gets the arguments after its name, returns the exit code. */
export interface CliCommand {
  summary: string;
  run(argv: string[]): Promise<number>;
}

/** Subcommands by name; `serve` is the default when the first argument is a flag or absent. */
export const commands: Record<string, CliCommand> = {
  serve: { summary: "run the 2FA simulator (default)", run: serveCommand },
  card: {
    summary: "card issue --user <id> --pin <pin> --out <file>: issue a smartcard file",
    run: cardCommand,
  },
  openapi: {
    summary: "print the OpenAPI 3.1 document of the wire protocol and the control API (JSON)",
    run: async (argv) => {
      if (argv.length > 0) throw new UsageError(`openapi takes no arguments, not "${argv.join(" ")}".`);
      process.stdout.write(`${JSON.stringify(openApiDocument(), null, 2)}\n`);
      return exitCodes.ok;
    },
  },
};

export const defaultCommand = "serve";

export function usage(): string {
  const list = Object.entries(commands)
    .map(([name, command]) => `  ${name.padEnd(12)} ${command.summary}`)
    .join("\n");
  return `${serveUsage}\n\nCommands:\n${list}`;
}
