import { type z } from "zod";
import { describe, expectTypeOf, it } from "vitest";
import type * as kit from "../../../qa/types.js";
import { type phaseSchema } from "../../../shared/phases.js";
import {
  type auditEventSchema,
  type clockResponseSchema,
  type createUserRequestSchema,
  type mailMessageSchema,
  type phaseResponseSchema,
  type scheduleSchema,
  type simStatusSchema,
  type simUserSchema,
} from "../../../shared/wire/control.js";
import { type faultsResponseSchema } from "../../../shared/wire/faults.js";
import { type daEmailApplicationSchema } from "../../../shared/wire/da-email.js";
import { type roomSchema, type roomTraineeSchema } from "../../../shared/wire/room.js";
import { type endSessionsResponseSchema, type revocationReasonSchema } from "../../../shared/wire/session.js";

// Checked by the type checker (npm test runs tsc over the tests): the kit's written-out types, shipped
// without a schema library, stay the wire schemas' own.
describe("the QA kit's public types", () => {
  it("are the wire schemas' types", () => {
    expectTypeOf<kit.Phase>().toEqualTypeOf<z.infer<typeof phaseSchema>>();
    expectTypeOf<kit.SimUser>().toEqualTypeOf<z.infer<typeof simUserSchema>>();
    expectTypeOf<kit.NewUser>().toEqualTypeOf<z.input<typeof createUserRequestSchema>>();
    expectTypeOf<kit.MailMessage>().toEqualTypeOf<z.infer<typeof mailMessageSchema>>();
    expectTypeOf<kit.SimStatus>().toEqualTypeOf<z.infer<typeof simStatusSchema>>();
    expectTypeOf<kit.Schedule>().toEqualTypeOf<z.infer<typeof scheduleSchema>>();
    expectTypeOf<kit.PhaseStatus>().toEqualTypeOf<z.infer<typeof phaseResponseSchema>>();
    expectTypeOf<kit.ClockStatus>().toEqualTypeOf<z.infer<typeof clockResponseSchema>>();
    expectTypeOf<kit.Faults>().toEqualTypeOf<z.infer<typeof faultsResponseSchema>>();
    expectTypeOf<kit.AuditEvent>().toEqualTypeOf<z.infer<typeof auditEventSchema>>();
    expectTypeOf<kit.SessionRevocationReason>().toEqualTypeOf<z.infer<typeof revocationReasonSchema>>();
    expectTypeOf<kit.EndedSessions>().toEqualTypeOf<z.infer<typeof endSessionsResponseSchema>>();
    expectTypeOf<kit.Room>().toEqualTypeOf<z.infer<typeof roomSchema>>();
    expectTypeOf<kit.RoomTrainee>().toEqualTypeOf<z.infer<typeof roomTraineeSchema>>();
    expectTypeOf<kit.DaEmailApplication>().toEqualTypeOf<z.infer<typeof daEmailApplicationSchema>>();
  });
});
