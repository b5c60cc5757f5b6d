import { z } from "zod";

/** The three stages of the migration from smartcard to two-factor login. */
export const phases = ["smartcard-only", "parallel-run", "2fa-only"] as const;
export const phaseSchema = z.enum(phases);
export type Phase = z.infer<typeof phaseSchema>;

const clearingHouses = ["HKSCC", "HKCC", "SEOCH"] as const;
export const clearingHouseSchema = z.enum(clearingHouses);
export type ClearingHouse = z.infer<typeof clearingHouseSchema>;

const roles = ["user", "da"] as const;
export const roleSchema = z.enum(roles);
export type Role = z.infer<typeof roleSchema>;
