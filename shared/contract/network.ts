import { z } from "zod";
import { empty } from "./app.js";
import { checkMessageSchema } from "../wire/check-report.js";
import { method } from "./define.js";
import { limits } from "./limits.js";

/** A proxy as the keychain and the dialogs name it: `host:port` (IPv6 in brackets). */
export const proxyEndpointSchema = z
  .string()
  .trim()
  .max(limits.proxyMax)
  .regex(/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d{1,5}$/, { message: "expected host:port" });

/** The manual proxy: `http://host:port` only; credentials are asked for, never written in settings. */
export const manualProxySchema = z
  .url({ protocol: /^http$/ })
  .max(limits.proxyMax)
  .refine((text) => {
    const url = new URL(text);
    return url.username === "" && url.password === "" && url.pathname === "/" && !url.search && !url.hash;
  }, "expected http://host:port, without a user name, password or path");

/** Which proxy the app uses to reach the 2FA server: the system's (default), none, or one given here. */
export const proxySettingSchema = z.discriminatedUnion("mode", [
  z.strictObject({ mode: z.literal("system") }),
  z.strictObject({ mode: z.literal("none") }),
  z.strictObject({ mode: z.literal("manual"), proxy: manualProxySchema }),
]);
export type ProxySetting = z.infer<typeof proxySettingSchema>;
export type ProxyMode = ProxySetting["mode"];

/**
 * Why a route was chosen: the built-in simulator (inside the app, always direct), the setting
 * (`none`, `manual`), the system (Electron's proxy settings, PAC scripts included), the environment
 * (`HTTPS_PROXY`…), the shell's `--proxy` flag, or a proxy given for one connectivity check.
 */
export const routeSourceSchema = z.enum([
  "builtin",
  "none",
  "manual",
  "system",
  "environment",
  "flag",
  "given",
]);
export type RouteSource = z.infer<typeof routeSourceSchema>;

export const routeHopSchema = z.object({
  kind: z.enum(["proxy", "direct"]),
  /** `host:port` of a proxy; null for a direct connection. */
  proxy: z.string().nullable(),
});
export type RouteHopView = z.infer<typeof routeHopSchema>;

/** The route to one address, as the Network screen shows it. Never holds a credential. */
export const routeViewSchema = z.object({
  target: z.string(),
  source: routeSourceSchema,
  /** The variable, flag or API that answered (`HTTPS_PROXY`, `NO_PROXY`, `--proxy`, `session.resolveProxy`). */
  via: z.string().nullable(),
  /** The answer in PAC form (`PROXY host:port; DIRECT`). */
  answer: z.string(),
  /** What is tried, in order: a proxy that cannot be reached gives way to the next. */
  hops: z.array(routeHopSchema).min(1),
  /** Entries of the answer this app cannot use (SOCKS). */
  unsupported: z.array(z.string()),
  /** Set when the system could not be asked (a message the app words); the route then goes direct. */
  problem: checkMessageSchema.nullable(),
});
export type RouteView = z.infer<typeof routeViewSchema>;

/**
 * Why the keychain cannot be used, as a code the screens word: its module is missing, no desktop
 * session bus (Linux without D-Bus), no Secret Service on it, no answer in time, or another failure.
 */
export const keychainCauses = [
  "module-missing",
  "no-session-bus",
  "no-secret-service",
  "no-answer",
  "other",
] as const;
export type KeychainCause = (typeof keychainCauses)[number];

export const keychainViewSchema = z.object({
  /** Whether remembered credentials can be kept in this computer's keychain. */
  available: z.boolean(),
  /** Why not, when not, as the keychain said it (for example no Secret Service on this Linux session): for logs. */
  reason: z.string().nullable(),
  /** Why not, as a code. */
  cause: z.enum(keychainCauses).nullable(),
});
export type KeychainView = z.infer<typeof keychainViewSchema>;

export const proxyCredentialViewSchema = z.object({
  proxy: z.string(),
  username: z.string(),
  /** In the keychain (kept across restarts); false: in this run's memory only. */
  remembered: z.boolean(),
});
export type ProxyCredentialView = z.infer<typeof proxyCredentialViewSchema>;

export const networkViewSchema = z.object({
  setting: proxySettingSchema,
  /** The setting is locked by IT (the machine-wide defaults file): changing it is refused. */
  locked: z.boolean(),
  route: routeViewSchema,
  credentials: z.array(proxyCredentialViewSchema),
  keychain: keychainViewSchema,
});
export type NetworkView = z.infer<typeof networkViewSchema>;

export const proxyCredentialsInputSchema = z.strictObject({
  proxy: proxyEndpointSchema,
  // Basic authentication cannot carry a ":" in the user name.
  username: z
    .string()
    .min(1)
    .max(limits.proxyUserNameMax)
    .regex(/^[^:\r\n]+$/, { message: "a user name without ':' or line breaks" }),
  password: z
    .string()
    .min(1)
    .max(limits.proxyPasswordMax)
    .regex(/^[^\r\n]+$/, { message: "a password without line breaks" }),
  remember: z.boolean(),
});
export type ProxyCredentialsInput = z.infer<typeof proxyCredentialsInputSchema>;

/** The details of a PROXY_* error: which proxy, what it answered, which schemes it offered. */
export const proxyErrorDetailsSchema = z.object({
  proxy: z.string(),
  status: z.number().int().optional(),
  schemes: z.array(z.string()).optional(),
  /** PROXY_AUTH_*: whether credentials were sent with the refused request. */
  credentialsSent: z.boolean().optional(),
});
export type ProxyErrorDetails = z.infer<typeof proxyErrorDetailsSchema>;

export const networkMethods = {
  /** The proxy setting, the route to the current 2FA server and why, and the credentials known. */
  "network.view": method(empty, networkViewSchema),
  "network.setProxy": method(proxySettingSchema, networkViewSchema),
  /** Credentials for a proxy (after its 407); kept in the keychain when asked and possible, else in memory. */
  "network.setCredentials": method(
    proxyCredentialsInputSchema,
    z.object({ remembered: z.boolean(), keychain: keychainViewSchema }),
  ),
  "network.forgetCredentials": method(z.strictObject({ proxy: proxyEndpointSchema }), networkViewSchema),
};
