import { z } from "zod";
import { phaseSchema } from "../../shared/phases.js";
import { chosenMomentSchema } from "../../shared/wire/rehearsal.js";
import { type ControlSnapshot, initialControl } from "./storage.js";

/** The control state as stored (JSON in both databases), checked whenever it is read. */
const controlSnapshotSchema = z.object({
  clockOffsetMs: z.number().int(),
  pinnedPhase: phaseSchema.nullable(),
  faults: z.object({
    latencyMs: z.number().int().min(0),
    failRate: z.number().min(0).max(1),
    mailDelayMs: z.number().int().min(0),
    dropMail: z.boolean(),
  }),
  moment: chosenMomentSchema.nullable(),
  situation: z.string().nullable(),
  scenario: z.string().nullable(),
  controlToken: z.string().nullable(),
  generation: z.number().int().min(0),
  revision: z.number().int().min(0),
});

export function parseControl(value: unknown): ControlSnapshot {
  const parsed = controlSnapshotSchema.safeParse(value);
  if (!parsed.success) throw new Error(`The stored control state is not valid: ${parsed.error.message}`);
  return parsed.data;
}

/** After a reset: real time, no pin, no faults, no moment or situation; the scenario and the token stay. */
export function controlAfterReset(state: ControlSnapshot): ControlSnapshot {
  return {
    ...initialControl(),
    scenario: state.scenario,
    controlToken: state.controlToken,
    generation: state.generation + 1,
    revision: state.revision + 1,
  };
}
