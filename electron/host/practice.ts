import type { SessionView } from "../../shared/contract/auth.js";
import type { CheckRun } from "../../shared/contract/connectivity.js";
import { practiceUserSchema, type PracticeView } from "../../shared/contract/practice.js";
import { isAppError } from "../../shared/errors.js";
import type { SimUser } from "../../shared/wire/control.js";
import { practiceChecklist } from "../../shared/practice/practice-checklist.js";
import type { HostContext } from "./context.js";
import { simulatorAccess, type SimulatorAccess } from "./simulator-access.js";

/**
 * A user's practice, read from the simulator's audit log: who is practising
 * (the user signed in or signing in, else the last one), what they have done,
 * and the connectivity checks they run, reported to the simulator so its log
 * holds those too.
 */
export class Practice {
  /** The user last signed in with this server. */
  private lastUserId: string | undefined;
  /** Reports on their way to the simulator: a checklist waits for them, so it never misses a check just run. */
  private reports: Promise<void> = Promise.resolve();

  constructor(
    private readonly ctx: HostContext,
    private readonly access: SimulatorAccess,
  ) {
    ctx.events.listen((event, payload) => {
      const session = event === "session.changed" ? (payload as SessionView).session : null;
      if (session) this.lastUserId = session.userId;
    });
    ctx.onServerChanged(() => {
      this.lastUserId = undefined;
    });
  }

  /** The user practising: signed in or signing in now, else the one last signed in with this server. */
  userId(): string | undefined {
    return this.signingIn() ?? this.lastUserId;
  }

  private signingIn(): string | undefined {
    try {
      return this.ctx.auth().currentUserId;
    } catch {
      return undefined;
    }
  }

  async checklist(): Promise<PracticeView> {
    await this.reports;
    const control = await this.access.control();
    if (control.kind === "none") return { available: false, reason: "no-control" };
    // The user practising; when that is an ID the simulator does not know (a mistyped one, say),
    // the one last signed in.
    const candidates = [...new Set([this.signingIn(), this.lastUserId])].filter((id) => id !== undefined);
    if (candidates.length === 0) return { available: false, reason: "no-user" };
    let user: SimUser | undefined;
    for (const userId of candidates) {
      try {
        user = await control.client.user(userId);
        break;
      } catch (error) {
        if (isAppError(error) && error.code === "NOT_FOUND") continue;
        if (isAppError(error) && error.code === "CONTROL_TOKEN_REFUSED") {
          return { available: false, reason: "no-control" };
        }
        throw error;
      }
    }
    if (user === undefined) return { available: false, reason: "unknown-user" };
    const da = user.role === "da";
    const [state, events, registered, processed, pendingApplications] = await Promise.all([
      control.client.rehearsal(),
      control.client.audit({ userId: user.userId }),
      da ? control.client.audit({ event: "admin.email.set" }) : Promise.resolve([]),
      da ? control.client.audit({ event: "hkex.da-email.processed" }) : Promise.resolve([]),
      da ? control.client.pendingDaEmailApplications() : Promise.resolve([]),
    ]);
    return {
      available: true,
      // Only what a session would show of the user: never the email address.
      user: practiceUserSchema.parse(user),
      phase: state.status.phase,
      now: state.status.now,
      items: practiceChecklist({
        user,
        schedule: state.schedule,
        phase: state.status.phase,
        now: state.status.now,
        events,
        registrations: [...registered, ...processed].sort((a, b) => a.id - b.id),
        pendingApplications,
      }),
    };
  }

  /**
   * Tells the simulator that `userId` ran the connectivity check, whatever its target and outcome
   * (running it and reading its report is the rehearsal). Nothing is sent without a simulator
   * under the app's control or without a user; a failure to tell is logged, never shown.
   */
  reportCheck(userId: string | undefined, run: CheckRun): void {
    if (userId === undefined) return;
    const report = async () => {
      const control = await this.access.control();
      if (control.kind === "none") return;
      await control.client.reportCheck({ userId, target: run.result.target, status: run.result.status });
    };
    this.reports = this.reports.then(report).catch((error: unknown) => {
      console.warn(`The connectivity check could not be noted for practice: ${(error as Error).message}`);
    });
  }
}

const practices = new WeakMap<HostContext, Practice>();

/** The one Practice of a host (the practice and connectivity handlers share it). */
export function practiceOf(ctx: HostContext): Practice {
  let practice = practices.get(ctx);
  if (practice === undefined) {
    practice = new Practice(ctx, simulatorAccess(ctx));
    practices.set(ctx, practice);
  }
  return practice;
}
