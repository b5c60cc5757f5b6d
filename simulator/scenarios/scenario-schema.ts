import { z } from "zod";
import { phaseSchema } from "../../shared/phases.js";
import { emailSchema, userIdSchema } from "../../shared/wire/authn.js";
import { clockRequestSchema, createUserRequestSchema } from "../../shared/wire/control.js";
import { normalizeUserId } from "../../shared/user-id.js";
import { faultsRequestSchema } from "../../shared/wire/faults.js";

/** A user of a scenario: the control API's user, optionally locked out from the start. */
export const scenarioUserSchema = createUserRequestSchema.extend({
  /** Locks the account for this many minutes of simulated time from when the scenario loads. */
  lockedForMinutes: z
    .number()
    .int()
    .min(1)
    .max(7 * 24 * 60)
    .optional(),
});

/**
 * A DA's email application the scenario files with HKEX: for DA `userId`, submitted by DA
 * `submittedBy` (the same DA when absent) at `submittedAt` (simulated time), processed the schedule's
 * business days later like any other.
 */
export const scenarioDaEmailSchema = z.strictObject({
  userId: userIdSchema,
  email: emailSchema,
  submittedAt: z.iso.datetime({ offset: true }),
  submittedBy: userIdSchema.optional(),
});

/**
 * A `--scenario <file.json>`: users, clock and phase, and faults to set at start.
 * The clock takes the same shapes as PUT /__sim/clock; `phase` pins (null follows the clock).
 */
export const scenarioSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(80),
    description: z.string().max(2000).optional(),
    clock: clockRequestSchema.optional(),
    phase: phaseSchema.nullable().optional(),
    faults: faultsRequestSchema.optional(),
    users: z.array(scenarioUserSchema).max(10_000).default([]),
    daEmailApplications: z.array(scenarioDaEmailSchema).max(1000).optional(),
  })
  .superRefine((scenario, ctx) => {
    const seen = new Map<string, number>();
    scenario.users.forEach((user, index) => {
      const key = normalizeUserId(user.userId);
      const first = seen.get(key);
      if (first !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["users", index, "userId"],
          message: `duplicate user ID (also users[${first}])`,
        });
      } else {
        seen.set(key, index);
      }
    });
  });
export type Scenario = z.infer<typeof scenarioSchema>;
