import { exitCodes, failureText, UsageError, usageErrorText } from "../shared/cli.js";
import { commands, defaultCommand, usage } from "./cli/commands.js";

const program = "simulator";

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
      process.stderr.write(usageErrorText(program, error, usage()));
      process.exitCode = exitCodes.usage;
      return;
    }
    process.stderr.write(failureText(program, error));
    process.exitCode = exitCodes.failure;
  },
);
