import { exitCodes, failureText, UsageError, usageErrorText } from "../../shared/cli.js";
import { SimulatorRefused, SimulatorUnreachable } from "../control/control-client.js";
import { runSimCommand, simUsage } from "./sim-commands.js";

const program = "ccms-sim";

/** `ccms-sim`: the simulator's control API from a shell, Robot Framework or any CI script. */
runSimCommand(process.argv.slice(2), process.env, (text) => process.stdout.write(text)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(usageErrorText(program, error, simUsage));
      process.exitCode = exitCodes.usage;
    } else if (error instanceof SimulatorRefused) {
      process.stderr.write(
        `${program}: the simulator refused (${error.status} ${error.code}): ${error.message}\n`,
      );
      process.exitCode = exitCodes.failure;
    } else if (error instanceof SimulatorUnreachable) {
      process.stderr.write(failureText(program, error));
      process.exitCode = exitCodes.unavailable;
    } else {
      process.stderr.write(failureText(program, error));
      process.exitCode = exitCodes.software;
    }
  },
);
