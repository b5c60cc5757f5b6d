import fs from "node:fs";
import { parseArgs } from "node:util";
import { exitCodes, UsageError } from "../../shared/cli.js";
import { phases } from "../../shared/phases.js";
import { ControlClient } from "../control/control-client.js";
import { SimulatorApi } from "../control/simulator-api.js";
import { type NewUser, type Phase } from "../types.js";
import { connectionFrom } from "./connection.js";
import { roomCommands } from "./room-commands.js";
import { describeUser, eventLine, userLine } from "./sim-output.js";

export const simUsage = `Usage: ccms-sim <command> [options]          (also: npm run sim -- <command> [options])

The CCMS simulator's control API on the command line. Where the simulator is:
  --url <https-url>   its address                 (or CCMS_SIM_URL)
  --ca <pem-file>     its CA certificate to trust (or CCMS_SIM_CA)
  --token <token>     its control token           (or CCMS_SIM_TOKEN; the variable keeps it out of the process list)
  --json              print the simulator's answer as JSON

Commands:
  users add --user <id> --password <p> [--email <a>] [--role user|da] [--participant <id>]
            [--clearing-house HKSCC|HKCC|SEOCH] [--name <display name>] [--created-at <iso time>]
            [--smartcard] [--password-expired]
  users list
  users show <id>
  users unlock <id>
  otp --user <id> [--wait <seconds>]   the newest one-time password mailed to the user, alone on a line;
                                       --wait: wait that long for one to arrive
  phase get | phase set <smartcard-only|parallel-run|2fa-only|clock>
  clock get | clock set <iso time> | clock real
  faults get | faults clear
  faults set [--latency-ms <n>] [--fail-rate <0..1>] [--mail-delay-ms <n>] [--drop-mail]   (replaces them all)
  cards issue --user <id> --pin <digits> [--out <file>]
  audit [--user <id>] [--limit <n>]
  reset
  room                                 the trainer's view: who signed in or tried since the last start over
  room unlock <id> | room end-session <id> | room start-over <id>   one trainee only
  hkex applications [--status processing|effective|superseded]     DAs' email applications
  hkex process                         HKEX processes every pending DA's email application now

Exit codes: 0 done, 1 the simulator refused (its error code is printed), 64 usage, 69 cannot reach it.`;

const options = {
  url: { type: "string" },
  ca: { type: "string" },
  token: { type: "string" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  user: { type: "string" },
  password: { type: "string" },
  email: { type: "string" },
  role: { type: "string" },
  participant: { type: "string" },
  "clearing-house": { type: "string" },
  name: { type: "string" },
  "created-at": { type: "string" },
  smartcard: { type: "boolean" },
  "password-expired": { type: "boolean" },
  wait: { type: "string" },
  "latency-ms": { type: "string" },
  "fail-rate": { type: "string" },
  "mail-delay-ms": { type: "string" },
  "drop-mail": { type: "boolean" },
  pin: { type: "string" },
  out: { type: "string" },
  limit: { type: "string" },
  status: { type: "string" },
} as const;

export type Values = ReturnType<typeof parse>["values"];
type Option = keyof typeof options;
const connectionOptions: Option[] = ["url", "ca", "token", "json", "help"];

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

export interface Command {
  /** The command's words, e.g. `users add`. */
  words: string;
  /** Positional arguments after the words. */
  args: number;
  flags: Option[];
  run(api: SimulatorApi, values: Values, args: string[], print: Printer): Promise<number>;
}

export interface Printer {
  /** Prints the answer as JSON with --json, else the human lines. */
  answer(json: unknown, lines: () => string[]): void;
}

const commands: Command[] = [
  {
    words: "users add",
    args: 0,
    flags: [
      "user",
      "password",
      "email",
      "role",
      "participant",
      "clearing-house",
      "name",
      "created-at",
      "smartcard",
      "password-expired",
    ],
    async run(api, v, _args, print) {
      const user = await api.createUser(newUserFrom(v));
      print.answer({ user }, () => describeUser(user));
      return exitCodes.ok;
    },
  },
  {
    words: "users list",
    args: 0,
    flags: [],
    async run(api, _v, _args, print) {
      const users = await api.listUsers();
      print.answer({ users }, () => users.map(userLine));
      return exitCodes.ok;
    },
  },
  {
    words: "users show",
    args: 1,
    flags: [],
    async run(api, _v, [userId = ""], print) {
      const user = await api.user(userId);
      print.answer({ user }, () => describeUser(user));
      return exitCodes.ok;
    },
  },
  {
    words: "users unlock",
    args: 1,
    flags: [],
    async run(api, _v, [userId = ""], print) {
      const user = await api.unlock(userId);
      print.answer({ user }, () => [`${user.userId} unlocked.`]);
      return exitCodes.ok;
    },
  },
  {
    words: "otp",
    args: 0,
    flags: ["user", "wait"],
    async run(api, v, _args, print) {
      const userId = required(v.user, "--user <id>");
      const waitMs = v.wait === undefined ? 0 : number("--wait", v.wait, 0, 600) * 1000;
      const deadline = Date.now() + waitMs;
      for (;;) {
        const messages = await api.mailbox({ userId });
        const newest = messages.filter((message) => message.otp !== null).at(-1);
        if (newest?.otp) {
          print.answer({ otp: newest.otp, sentAt: newest.sentAt, to: newest.to }, () => [newest.otp ?? ""]);
          return exitCodes.ok;
        }
        if (Date.now() >= deadline) {
          process.stderr.write(
            `ccms-sim: no one-time password has been mailed to ${userId}` +
              `${waitMs > 0 ? ` within ${waitMs / 1000} s` : ""} (its mailbox holds ${messages.length} message(s)).\n`,
          );
          return exitCodes.failure;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
  },
  {
    words: "phase get",
    args: 0,
    flags: [],
    async run(api, _v, _args, print) {
      const phase = await api.phase();
      print.answer(phase, () => [
        `${phase.phase}${phase.phasePinned ? " (pinned)" : " (follows the clock)"} at ${phase.now}`,
      ]);
      return exitCodes.ok;
    },
  },
  {
    words: "phase set",
    args: 1,
    flags: [],
    async run(api, _v, [phase = ""], print) {
      if (phase !== "clock" && !(phases as readonly string[]).includes(phase)) {
        throw new UsageError(`phase set takes ${phases.join(", ")} or clock, not "${phase}".`);
      }
      const answer = await api.setPhase(phase === "clock" ? null : (phase as Phase));
      print.answer(answer, () => [
        `${answer.phase}${answer.phasePinned ? " (pinned)" : " (follows the clock)"}`,
      ]);
      return exitCodes.ok;
    },
  },
  ...(["get", "set", "real"] as const).map((verb): Command => ({
    words: `clock ${verb}`,
    args: verb === "set" ? 1 : 0,
    flags: [],
    async run(api, _v, [now = ""], print) {
      const clock = verb === "get" ? await api.clock() : await api.setClock(verb === "real" ? null : now);
      print.answer(clock, () => [
        `${clock.now}${clock.realTime ? " (real time)" : ` (offset ${clock.offsetMs} ms)`}`,
      ]);
      return exitCodes.ok;
    },
  })),
  ...(["get", "set", "clear"] as const).map((verb): Command => ({
    words: `faults ${verb}`,
    args: 0,
    flags: verb === "set" ? ["latency-ms", "fail-rate", "mail-delay-ms", "drop-mail"] : [],
    async run(api, v, _args, print) {
      const faults =
        verb === "get" ? await api.faults() : await api.setFaults(verb === "clear" ? {} : faultsFrom(v));
      print.answer(faults, () => Object.entries(faults).map(([name, value]) => `${name}: ${String(value)}`));
      return exitCodes.ok;
    },
  })),
  {
    words: "cards issue",
    args: 0,
    flags: ["user", "pin", "out"],
    async run(api, v, _args, print) {
      const card = await api.issueCard({
        userId: required(v.user, "--user <id>"),
        pin: required(v.pin, "--pin <digits>"),
      });
      const text = `${JSON.stringify(card, null, 2)}\n`;
      if (v.out === undefined) {
        process.stdout.write(text);
        return exitCodes.ok;
      }
      try {
        fs.writeFileSync(v.out, text, { mode: 0o600, flag: "wx" });
      } catch (error) {
        process.stderr.write(
          `ccms-sim: the card file ${v.out} cannot be written (${(error as NodeJS.ErrnoException).code ?? "error"}).\n`,
        );
        return exitCodes.failure;
      }
      print.answer({ file: v.out, userId: card["userId"] }, () => [
        `Card for ${String(card["userId"])} written to ${v.out ?? ""}.`,
      ]);
      return exitCodes.ok;
    },
  },
  {
    words: "audit",
    args: 0,
    flags: ["user", "limit"],
    async run(api, v, _args, print) {
      const events = await api.audit({
        ...(v.user === undefined ? {} : { userId: v.user }),
        ...(v.limit === undefined ? {} : { limit: number("--limit", v.limit, 1, 10_000) }),
      });
      print.answer({ events }, () => events.map(eventLine));
      return exitCodes.ok;
    },
  },
  {
    words: "reset",
    args: 0,
    flags: [],
    async run(api, _v, _args, print) {
      const status = await api.reset();
      print.answer(status, () => [`Reset: ${status.phase} at ${status.now}.`]);
      return exitCodes.ok;
    },
  },
  ...roomCommands,
];

/** Runs one command line; resolves to the exit code, throws UsageError, SimulatorRefused or SimulatorUnreachable. */
export async function runSimCommand(
  argv: string[],
  env: Record<string, string | undefined>,
  write: (text: string) => void,
): Promise<number> {
  const { values, positionals } = parse(argv);
  if (values.help || positionals.length === 0) {
    if (!values.help) throw new UsageError("Name a command.");
    write(`${simUsage}\n`);
    return exitCodes.ok;
  }
  const command =
    commands.find((c) => c.words === positionals.slice(0, 2).join(" ") && c.words.includes(" ")) ??
    commands.find((c) => c.words === positionals[0]);
  if (command === undefined) throw new UsageError(`Unknown command "${positionals.slice(0, 2).join(" ")}".`);
  const args = positionals.slice(command.words.split(" ").length);
  if (args.length !== command.args) {
    throw new UsageError(
      `${command.words} takes ${command.args === 0 ? "no" : command.args} argument(s), got ${args.length}.`,
    );
  }
  const stray = (Object.keys(values) as Option[]).filter(
    (flag) => !connectionOptions.includes(flag) && !command.flags.includes(flag),
  );
  if (stray.length > 0)
    throw new UsageError(
      `${stray.map((flag) => `--${flag}`).join(", ")} does not apply to ${command.words}.`,
    );
  const client = new ControlClient(connectionFrom(values, env));
  try {
    return await command.run(new SimulatorApi(client), values, args, {
      answer: (json, lines) =>
        write(values.json ? `${JSON.stringify(json, null, 2)}\n` : `${lines().join("\n")}\n`),
    });
  } finally {
    client.close();
  }
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === "") throw new UsageError(`Give ${flag}.`);
  return value;
}

function number(flag: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a number from ${min} to ${max}, not "${text}".`);
  }
  return value;
}

function newUserFrom(v: Values): NewUser {
  const role = v.role ?? "user";
  if (role !== "user" && role !== "da") throw new UsageError(`--role is user or da, not "${role}".`);
  const house = v["clearing-house"] ?? "HKSCC";
  if (house !== "HKSCC" && house !== "HKCC" && house !== "SEOCH") {
    throw new UsageError(`--clearing-house is HKSCC, HKCC or SEOCH, not "${house}".`);
  }
  return {
    userId: required(v.user, "--user <id>"),
    password: required(v.password, "--password <p>"),
    role,
    participant: v.participant ?? "CP001",
    clearingHouse: house,
    ...(v.email === undefined ? {} : { email: v.email }),
    ...(v.name === undefined ? {} : { displayName: v.name }),
    ...(v["created-at"] === undefined ? {} : { createdAt: v["created-at"] }),
    ...(v.smartcard ? { hasSmartcard: true } : {}),
    ...(v["password-expired"] ? { passwordExpired: true } : {}),
  };
}

function faultsFrom(v: Values) {
  const faults = {
    ...(v["latency-ms"] === undefined
      ? {}
      : { latencyMs: number("--latency-ms", v["latency-ms"], 0, 60_000) }),
    ...(v["fail-rate"] === undefined ? {} : { failRate: number("--fail-rate", v["fail-rate"], 0, 1) }),
    ...(v["mail-delay-ms"] === undefined
      ? {}
      : { mailDelayMs: number("--mail-delay-ms", v["mail-delay-ms"], 0, 60_000) }),
    ...(v["drop-mail"] ? { dropMail: true } : {}),
  };
  if (Object.keys(faults).length === 0)
    throw new UsageError("faults set needs at least one fault (faults clear clears them).");
  return faults;
}
