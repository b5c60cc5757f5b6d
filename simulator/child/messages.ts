import { z } from "zod";

/**
 * The messages between an app and the built-in simulator it runs as a child
 * process (an Electron utility process, or a Node child process in the browser
 * shell). Both sides check what they receive against these schemas.
 */
export const toSimulatorSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("start"),
    dataDir: z.string().min(1),
    hashProfile: z.enum(["fast", "production"]),
  }),
  /** Close the server and the database, then exit. */
  z.strictObject({ type: z.literal("stop") }),
]);
export type ToSimulator = z.infer<typeof toSimulatorSchema>;

/** What the app needs to reach the simulator: it never shares the simulator's memory. */
export const simulatorEndpointSchema = z.strictObject({
  url: z.url({ protocol: /^https$/ }),
  caFile: z.string().min(1),
  caCertPem: z.string().min(1),
  controlToken: z.string().min(1),
});
export type SimulatorEndpoint = z.infer<typeof simulatorEndpointSchema>;

export const fromSimulatorSchema = z.discriminatedUnion("type", [
  simulatorEndpointSchema.extend({ type: z.literal("ready") }),
  z.strictObject({ type: z.literal("failed"), message: z.string() }),
]);
export type FromSimulator = z.infer<typeof fromSimulatorSchema>;
