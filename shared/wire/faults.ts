import { z } from "zod";

/**
 * PUT /__sim/faults: each field optional; `{}` clears every fault.
 * latencyMs delays each authn answer; failRate (0..1) makes that share of authn
 * calls answer 503 SERVER_ERROR; mailDelayMs delays each mail; dropMail loses
 * mail silently (the login still says the OTP was sent).
 */
export const faultsRequestSchema = z.strictObject({
  latencyMs: z.number().int().min(0).max(60_000).optional(),
  failRate: z.number().min(0).max(1).optional(),
  mailDelayMs: z.number().int().min(0).max(60_000).optional(),
  dropMail: z.boolean().optional(),
});
export type FaultsRequest = z.infer<typeof faultsRequestSchema>;

export const faultsResponseSchema = z.object({
  latencyMs: z.number(),
  failRate: z.number(),
  mailDelayMs: z.number(),
  dropMail: z.boolean(),
});
export type Faults = z.infer<typeof faultsResponseSchema>;

export const noFaults: Faults = { latencyMs: 0, failRate: 0, mailDelayMs: 0, dropMail: false };

/** The faults a request puts in force (a PUT, a scenario's): it replaces them all, fields left out being "no fault". */
export function faultsFrom(request: FaultsRequest): Faults {
  return { ...noFaults, ...request };
}
