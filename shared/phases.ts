import { z } from "zod";

/** The three stages of the migration from smartcard to two-factor login. */
export const phases = ["smartcard-only", "parallel-run", "2fa-only"] as const;
export const phaseSchema = z.enum(phases);
export type Phase = z.infer<typeof phaseSchema>;

/** The phase a schedule puts an instant in (before launch, up to decommissioning, after). */
export function phaseAt(schedule: { launch: string; decommission: string }, atMs: number): Phase {
  if (atMs < Date.parse(schedule.launch)) return "smartcard-only";
  if (atMs < Date.parse(schedule.decommission)) return "parallel-run";
  return "2fa-only";
}

export const clearingHouses = ["HKSCC", "HKCC", "SEOCH"] as const;
export const clearingHouseSchema = z.enum(clearingHouses);
export type ClearingHouse = z.infer<typeof clearingHouseSchema>;

const roles = ["user", "da"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;
