import { z } from "zod";

/** Liveness for load balancers: the process answers. Never touches the database. */
export const HEALTH_PATH = "/healthz";
/** Readiness for load balancers: the database answers and its schema is up to date. */
export const READY_PATH = "/readyz";

export const healthResponseSchema = z.object({ status: z.literal("ok") });
export type HealthResponse = z.infer<typeof healthResponseSchema>;

export const readyResponseSchema = z.object({
  status: z.literal("ready"),
  storage: z.enum(["sqlite", "postgres"]),
  schemaVersion: z.number().int().positive(),
});
export type ReadyResponse = z.infer<typeof readyResponseSchema>;

/** 503 while the database is away or its schema is not the one this build expects. */
export const notReadyResponseSchema = z.object({
  status: z.literal("not-ready"),
  storage: z.enum(["sqlite", "postgres"]),
  reason: z.string(),
});
export type NotReadyResponse = z.infer<typeof notReadyResponseSchema>;
