import { type Schedule } from "../shared/wire/control.js";

/**
 * Timing and limit figures of the 2FA rules, each overridable per instance. The defaults are those of
 * docs/participants.md ("The migration, as the simulator plays it"): an OTP lives 5 minutes and takes 5 tries,
 * 5 resends 30 s apart; a sign-in step lives 15 minutes; 5 wrong passwords in 15 minutes lock the
 * account for 15 minutes; a session ends after 15 idle minutes or 8 hours.
 */
export interface SimulatorConfig {
  otpTtlMs: number;
  otpMaxAttempts: number;
  otpResendCooldownMs: number;
  otpMaxResends: number;
  stateTokenTtlMs: number;
  lockoutThreshold: number;
  lockoutWindowMs: number;
  lockoutDurationMs: number;
  sessionIdleMs: number;
  sessionAbsoluteMs: number;
  /** 0 = passwords never expire by age (only by the user's flag). */
  passwordMaxAgeMs: number;
  /** Per-address limit on each authn endpoint. */
  rateLimit: { max: number; timeWindowMs: number };
  bodyLimitBytes: number;
}

const minute = 60_000;

const defaultConfig: SimulatorConfig = {
  otpTtlMs: 5 * minute,
  otpMaxAttempts: 5,
  otpResendCooldownMs: 30_000,
  otpMaxResends: 5,
  stateTokenTtlMs: 15 * minute,
  lockoutThreshold: 5,
  lockoutWindowMs: 15 * minute,
  lockoutDurationMs: 15 * minute,
  sessionIdleMs: 15 * minute,
  sessionAbsoluteMs: 8 * 60 * minute,
  passwordMaxAgeMs: 0,
  rateLimit: { max: 100_000, timeWindowMs: minute },
  bodyLimitBytes: 16 * 1024,
};

/**
 * The HKCC circular's timeline (HKT). It names "late May" and "late July" only;
 * we take the last Monday of each month: 29 May and 31 July 2023.
 */
export const defaultSchedule: Schedule = {
  userEmailRegistrationOpens: "2022-12-19T00:00:00+08:00",
  daEmailRegistrationOpens: "2023-03-20T00:00:00+08:00",
  launch: "2023-05-29T00:00:00+08:00",
  decommission: "2023-07-31T00:00:00+08:00",
};

export function resolveConfig(overrides: Partial<SimulatorConfig> | undefined): SimulatorConfig {
  return {
    ...defaultConfig,
    ...overrides,
    rateLimit: { ...defaultConfig.rateLimit, ...overrides?.rateLimit },
  };
}
