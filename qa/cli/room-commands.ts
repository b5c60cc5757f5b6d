import { type z } from "zod";
import { exitCodes, UsageError } from "../../shared/cli.js";
import {
  DA_EMAIL_APPLICATIONS_PATH,
  DA_EMAIL_PROCESS_PATH,
  type DaEmailApplication,
  daEmailApplicationsResponseSchema,
  daEmailProcessResponseSchema,
  daEmailStatuses,
} from "../../shared/wire/da-email.js";
import {
  ROOM_PATH,
  roomEndSessionResponseSchema,
  type RoomTrainee,
  roomSchema,
  roomStartOverResponseSchema,
  roomTraineePath,
  roomUnlockResponseSchema,
} from "../../shared/wire/room.js";
import { type ControlMethod, SimulatorUnreachable } from "../control/control-client.js";
import { type SimulatorApi } from "../control/simulator-api.js";
import { type Command } from "./sim-commands.js";

/** A control call whose answer is checked against its wire schema. */
async function call<S extends z.ZodType>(
  api: SimulatorApi,
  schema: S,
  method: ControlMethod,
  route: string,
): Promise<z.output<S>> {
  const parsed = schema.safeParse(
    await api.client.request(method, route, method === "POST" ? {} : undefined),
  );
  if (!parsed.success) {
    throw new SimulatorUnreachable(
      `The simulator's answer to ${method} ${route} is not what ccms-sim expects; is it the same version?`,
    );
  }
  return parsed.data;
}

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
  { words: "room unlock", action: "unlock", schema: roomUnlockResponseSchema, said: "unlocked" },
  { words: "room end-session", action: "end-session", schema: roomEndSessionResponseSchema, said: "ended" },
  {
    words: "room start-over",
    action: "start-over",
    schema: roomStartOverResponseSchema,
    said: "started over",
  },
] as const;

/** `ccms-sim room …` (the trainer's view of the room) and `ccms-sim hkex …` (DAs' email applications). */
export const roomCommands: Command[] = [
  {
    words: "room",
    args: 0,
    flags: [],
    async run(api, _v, _args, print) {
      const room = await call(api, roomSchema, "GET", ROOM_PATH);
      print.answer(room, () => [
        `${room.trainees.length} trainee(s) since ${room.since?.at ?? "the start"}; simulated ${room.now} (${room.phase})`,
        ...room.trainees.map(traineeLine),
      ]);
      return exitCodes.ok;
    },
  },
  ...traineeActions.map(({ words, action, schema, said }): Command => ({
    words,
    args: 1,
    flags: [],
    async run(api, _v, [userId = ""], print) {
      const answer = await call(api, schema, "POST", roomTraineePath(userId, action));
      print.answer(answer, () => [`${answer.userId} ${said}.`]);
      return exitCodes.ok;
    },
  })),
  {
    words: "hkex applications",
    args: 0,
    flags: ["status"],
    async run(api, v, _args, print) {
      const status = v.status;
      if (status !== undefined && !(daEmailStatuses as readonly string[]).includes(status)) {
        throw new UsageError(`--status is ${daEmailStatuses.join(", ")}, not "${status}".`);
      }
      const query = status === undefined ? "" : `?status=${status}`;
      const { applications } = await call(
        api,
        daEmailApplicationsResponseSchema,
        "GET",
        `${DA_EMAIL_APPLICATIONS_PATH}${query}`,
      );
      print.answer({ applications }, () => applications.map(applicationLine));
      return exitCodes.ok;
    },
  },
  {
    words: "hkex process",
    args: 0,
    flags: [],
    async run(api, _v, _args, print) {
      const answer = await call(api, daEmailProcessResponseSchema, "POST", DA_EMAIL_PROCESS_PATH);
      print.answer(answer, () => [
        `${answer.processed.length} application(s) processed.`,
        ...answer.processed.map(applicationLine),
      ]);
      return exitCodes.ok;
    },
  },
];
