import { commands, defaultCommand, usage } from "./cli/commands.js";
import { EX_USAGE, UsageError } from "./cli/usage-error.js";

async function main(argv: string[]): Promise<number> {
  const first = argv[0];
  const named = first !== undefined && !first.startsWith("-");
  const name = named ? first : defaultCommand;
  const command = commands[name];
  if (command === undefined) throw new UsageError(`Unknown command "${name}".`);
  return command.run(named ? argv.slice(1) : argv);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${usage()}\n`);
      process.exitCode = EX_USAGE;
      return;
    }
    process.stderr.write(
      `The simulator could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
