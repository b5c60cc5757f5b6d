import { exitCodes, UsageError } from "../../shared/cli.js";
import { type DaEmailApplication, type RoomTrainee } from "../types.js";
import { type SimulatorApi } from "../control/simulator-api.js";
import { type Command } from "./sim-commands.js";

const statuses: ReadonlyArray<DaEmailApplication["status"]> = ["processing", "effective", "superseded"];

/** One trainee per line: ID, participant, signed in, lock, step, practice done. */
export function traineeLine(trainee: RoomTrainee): string {
  const waiting = trainee.practice.items.some((item) => item.pending && !item.done)
    ? " (waiting for HKEX)"
    : "";
  return [
    trainee.userId.padEnd(20),
    trainee.participant.padEnd(8),
    (trainee.signedIn ? "signed in" : "-").padEnd(10),
    trainee.step.padEnd(14),
    `practice ${trainee.practice.done}/${trainee.practice.applicable}${waiting}`.padEnd(34),
    trainee.lockedUntil === null ? "" : `locked until ${trainee.lockedUntil}`,
  ]
    .join(" ")
    .trimEnd();
}

/** One application per line: participant, DA, masked address, status, submitted, due or processed. */
export function applicationLine(application: DaEmailApplication): string {
  return [
    application.participant.padEnd(8),
    application.userId.padEnd(20),
    application.maskedEmail.padEnd(32),
    application.status.padEnd(11),
    `submitted ${application.submittedAt} by ${application.submittedBy}`,
    application.processedAt === null ? `due ${application.dueAt}` : `processed ${application.processedAt}`,
    application.late ? "late" : "",
  ]
    .join("  ")
    .trimEnd();
}

const traineeActions = [
  { words: "room unlock", said: "unlocked", run: (api: SimulatorApi, id: string) => api.unlockTrainee(id) },
  {
    words: "room end-session",
    said: "ended",
    run: (api: SimulatorApi, id: string) => api.endTraineeSession(id),
  },
  {
    words: "room start-over",
    said: "started over",
    run: (api: SimulatorApi, id: string) => api.startTraineeOver(id),
  },
] as const;

/** `ccms-sim room …` (the trainer's view of the room) and `ccms-sim hkex …` (DAs' email applications). */
export const roomCommands: Command[] = [
  {
    words: "room",
    args: 0,
    flags: [],
    async run(api, _v, _args, print) {
      const room = await api.room();
      print.answer(room, () => [
        `${room.trainees.length} trainee(s) since ${room.since?.at ?? "the start"}; simulated ${room.now} (${room.phase})`,
        ...room.trainees.map(traineeLine),
      ]);
      return exitCodes.ok;
    },
  },
  ...traineeActions.map(({ words, said, run }): Command => ({
    words,
    args: 1,
    flags: [],
    async run(api, _v, [userId = ""], print) {
      const answer = await run(api, userId);
      print.answer(answer, () => [`${answer.userId} ${said}.`]);
      return exitCodes.ok;
    },
  })),
  {
    words: "hkex applications",
    args: 0,
    flags: ["status"],
    async run(api, v, _args, print) {
      const status = statuses.find((each) => each === v.status);
      if (v.status !== undefined && status === undefined) {
        throw new UsageError(`--status is ${statuses.join(", ")}, not "${v.status}".`);
      }
      const applications = await api.daEmailApplications(status === undefined ? {} : { status });
      print.answer({ applications }, () => applications.map(applicationLine));
      return exitCodes.ok;
    },
  },
  {
    words: "hkex process",
    args: 0,
    flags: [],
    async run(api, _v, _args, print) {
      const answer = { processed: await api.processDaEmailApplications() };
      print.answer(answer, () => [
        `${answer.processed.length} application(s) processed.`,
        ...answer.processed.map(applicationLine),
      ]);
      return exitCodes.ok;
    },
  },
];
