import { type Phase } from "../../shared/phases.js";
import { type ChosenMoment } from "../../shared/wire/rehearsal.js";

/** Secrets made once per database (the OTP HMAC key; the CA where the database keeps it). */
export interface MetaStore {
  /** The value under `key`; `create` makes it when absent, and whoever asks first wins. */
  getOrCreate(key: string, create: () => string | Promise<string>): Promise<string>;
}

/** The faults in force (see features/faults). */
export interface FaultSettings {
  latencyMs: number;
  failRate: number;
  mailDelayMs: number;
  dropMail: boolean;
}

/** The control state every instance obeys. */
export interface ControlSnapshot {
  clockOffsetMs: number;
  pinnedPhase: Phase | null;
  faults: FaultSettings;
  /** The trainer's chosen moment and situation. */
  moment: ChosenMoment | null;
  situation: string | null;
  /** The start-up scenario (its JSON), applied again after each reset. */
  scenario: string | null;
  /** Bearer token of the control API. */
  controlToken: string | null;
  /** Counts resets: work scheduled before one (a delayed mail) is dropped by it. */
  generation: number;
  /** Counts changes: a reader keeps the newest state it has seen. */
  revision: number;
}

export type ControlPatch = Partial<Omit<ControlSnapshot, "generation" | "revision">>;

export interface ControlStore {
  /** Whether other processes may change it (then each request reads it afresh). */
  readonly shared: boolean;
  load(): Promise<ControlSnapshot>;
  /** Changes the fields given and answers the whole state. */
  update(patch: ControlPatch): Promise<ControlSnapshot>;
  /** Real time, no pin, no faults, no moment or situation; the scenario and token stay; generation + 1. */
  reset(): Promise<ControlSnapshot>;
  /** Sets the token unless one is set already (`force` replaces it); answers the one in force. */
  claimToken(token: string, force: boolean): Promise<string>;
}

/** Hits counted per key and window, shared by every instance. */
export interface RateLimitStore {
  /** Counts one hit; answers the hits in the current window and when it ends. */
  hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
}

export const noFaultSettings: FaultSettings = { latencyMs: 0, failRate: 0, mailDelayMs: 0, dropMail: false };

export function initialControl(): ControlSnapshot {
  return {
    clockOffsetMs: 0,
    pinnedPhase: null,
    faults: { ...noFaultSettings },
    moment: null,
    situation: null,
    scenario: null,
    controlToken: null,
    generation: 0,
    revision: 0,
  };
}
