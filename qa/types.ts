/**
 * The kit's public types, written out so the shipped declarations need no schema library. A type
 * test (`test/unit/qa/public-types.test.ts`) keeps each equal to the wire schema it mirrors.
 */
export type Phase = "smartcard-only" | "parallel-run" | "2fa-only";
export type Role = "user" | "da";
export type ClearingHouse = "HKSCC" | "HKCC" | "SEOCH";

/** A user as the control API shows it (never the password or its hash). */
export interface SimUser {
  userId: string;
  displayName: string;
  role: Role;
  participant: string;
  participantName: string;
  clearingHouse: ClearingHouse;
  email: string | null;
  hasSmartcard: boolean;
  createdAt: string;
  passwordExpired: boolean;
  lockedUntil: string | null;
}

/** What `POST /__sim/users` takes. */
export interface NewUser {
  userId: string;
  password: string;
  email?: string | undefined;
  role: Role;
  participant: string;
  participantName?: string | undefined;
  displayName?: string | undefined;
  clearingHouse: ClearingHouse;
  createdAt?: string | undefined;
  hasSmartcard?: boolean | undefined;
  passwordExpired?: boolean | undefined;
}

/** A user the kit created: what the simulator shows of it, and the password it was given. */
export interface CreatedUser extends SimUser {
  password: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html?: string | undefined;
  otp: string | null;
  sentAt: string;
  status?: "delivered" | "failed" | undefined;
}

export interface SimStatus {
  phase: Phase;
  phasePinned: boolean;
  now: string;
}

export interface Schedule {
  userEmailRegistrationOpens: string;
  daEmailRegistrationOpens: string;
  launch: string;
  decommission: string;
  /** Users' emails and terminal PCs' connectivity due (absent: 31 days before launch). */
  readinessDeadline?: string | undefined;
  /** Business days HKEX takes to process a DA's email application (absent: 10). */
  daEmailProcessingBusinessDays?: number | undefined;
}

export interface PhaseStatus extends SimStatus {
  schedule: Schedule;
}

export interface ClockStatus {
  now: string;
  offsetMs: number;
  realTime: boolean;
}

/** Injected faults; every field optional when setting, `{}` clears them all. */
export interface Faults {
  latencyMs: number;
  failRate: number;
  mailDelayMs: number;
  dropMail: boolean;
}

export interface AuditEvent {
  id: number;
  at: string;
  userId: string | null;
  event: string;
  method: string;
  outcome: string;
  clientAddress: string | null;
  detail: string | null;
  /** The computer's own time of the event (`at` is the simulated one). */
  realAt?: string | null | undefined;
}

/** Why the simulator's control API ends a user's sessions (the app tells the person in one sentence). */
export type SessionRevocationReason =
  "signed-out" | "signed-out-elsewhere" | "account-locked" | "simulator-reset";

/** What ending a user's sessions did: how many live sessions ended, and the reason they were given. */
export interface EndedSessions {
  userId: string;
  reason: SessionRevocationReason;
  ended: number;
}

/** A smartcard file for the simulated reader or the virtual PC/SC card (`npm run virtual-card`). */
export interface IssuedCard {
  /** Where the kit wrote the card file (give it to the Simulated reader or `virtual-card --card`). */
  file: string;
  userId: string;
  /** The card file's content, as the simulator issued it. */
  card: Record<string, unknown>;
}

/** Whom a mailbox belongs to. */
export type Recipient = { userId: string } | { email: string };

/** Where a trainee's sign-in stands. */
export type TraineeStep = "password" | "otp" | "method-choice" | "smartcard" | "desktop";

/** A practice item of a trainee that applies at the simulated moment. */
export interface RoomPracticeItem {
  id:
    | "otp-sign-in"
    | "otp-resend"
    | "otp-wrong-code"
    | "smartcard-fallback"
    | "after-decommission"
    | "da-register-email"
    | "da-email-application"
    | "connectivity-check";
  done: boolean;
  /** Begun, waiting for HKEX (a DA's email application). */
  pending: boolean;
}

/** A user of the room: who they are, whether signed in or locked, the step they are on, their practice. */
export interface RoomTrainee {
  userId: string;
  displayName: string;
  role: Role;
  participant: string;
  participantName: string;
  signedIn: boolean;
  lockedUntil: string | null;
  step: TraineeStep;
  lastActivityAt: string;
  lastActivityRealAt: string | null;
  practice: { done: number; applicable: number; items: RoomPracticeItem[] };
}

/** The trainer's view of the room: every user who has signed in or tried since the last start over. */
export interface Room {
  phase: Phase;
  now: string;
  since: { at: string; realAt: string | null } | null;
  trainees: RoomTrainee[];
}

/** A DA's email application as HKEX has it. */
export interface DaEmailApplication {
  id: number;
  participant: string;
  userId: string;
  displayName: string;
  maskedEmail: string;
  submittedBy: string;
  submittedAt: string;
  status: "processing" | "effective" | "superseded";
  dueAt: string;
  processedAt: string | null;
  late: boolean;
}
