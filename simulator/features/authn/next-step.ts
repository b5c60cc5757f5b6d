import { assertNever } from "../../../shared/assert-never.js";
import { AppError } from "../../../shared/errors.js";
import { type Phase } from "../../../shared/phases.js";
import { type AuthnState } from "../../../shared/wire/authn-states.js";
import { type AuthnResponse, type Factor } from "../../../shared/wire/authn.js";
import { type PhaseService } from "../../phase.js";
import { type UserRecord } from "../../store/storage.js";
import { type AnswerWrites, type Commit, type Prelude } from "./answer-writes.js";
import { type ClientInfo } from "./authn-audit.js";
import { authnMessages, notAllowedMessage } from "./authn-messages.js";
import { type FactorFacts, stepAfterPassword } from "./factor-policy.js";
import { type AnswerableLogin, type LiveLogin, type LoginSteps } from "./login-steps.js";
import { type LoginForOtp, type OtpIssuer, saveOtp } from "./otp-issuer.js";

export interface NextStepDeps {
  phases: PhaseService;
  otp: OtpIssuer;
  steps: LoginSteps;
  commit: Commit;
}

/** What the factor policy needs to know of a user at a phase. */
export function factsOf(user: UserRecord, phase: Phase, phases: PhaseService): FactorFacts {
  return {
    phase,
    hasSmartcard: user.hasSmartcard,
    hasEmail: user.email !== null,
    createdBeforeLaunch: phases.createdBeforeLaunch(user.createdAt),
  };
}

/** A stored login, as a new code for it needs it. */
export function otpTarget(live: LiveLogin): LoginForOtp {
  return { id: live.login.id, user: live.user, binding: live.hash, factors: live.login.factors };
}

/**
 * The step after the password (or its change) that the phase and the user call for, and the code
 * mails of a login: each answer's writes in one commit, after its mail went out.
 */
export class NextStep {
  constructor(private readonly d: NextStepDeps) {}

  /** `prelude`'s writes (the password's own) are committed with the step's. */
  async after(
    user: UserRecord,
    existing: LiveLogin | null,
    client: ClientInfo,
    prelude: Prelude,
  ): Promise<AuthnResponse> {
    const phase = this.d.phases.current();
    const next = stepAfterPassword(factsOf(user, phase, this.d.phases));
    const about = { userKey: user.userKey, method: "password", client } as const;
    switch (next.state) {
      case "refused":
        await this.d.commit(async (w) => {
          await prelude(w);
          if (existing) await w.logins.finish(existing.login.id, "EXPIRED");
          w.audit.record("authn.step", "refused-no-smartcard", about);
        });
        throw new AppError("METHOD_NOT_ALLOWED_FOR_USER", notAllowedMessage("smartcard", phase));
      case "EMAIL_NOT_REGISTERED":
        if (!next.factors.includes("smartcard")) {
          await this.d.commit(async (w) => {
            await prelude(w);
            w.audit.record("authn.step", "email-not-registered", about);
            if (existing) await w.logins.finish(existing.login.id, "EMAIL_NOT_REGISTERED");
          });
          return {
            state: "EMAIL_NOT_REGISTERED",
            userId: user.userId,
            phase,
            factors: [],
            message: authnMessages.emailNotRegistered,
          };
        }
        return this.d.commit(async (w) => {
          await prelude(w);
          w.audit.record("authn.step", "email-not-registered", about);
          return w.steps.answer(await stepTo(w, user, existing, next.state, next.factors));
        });
      case "SMARTCARD_REQUIRED":
      case "METHOD_CHOICE":
        return this.d.commit(async (w) => {
          await prelude(w);
          return w.steps.answer(await stepTo(w, user, existing, next.state, next.factors));
        });
      case "OTP_REQUIRED":
        return this.startOtp(user, existing, next.factors, client, prelude);
      default:
        return assertNever(next);
    }
  }

  /** Mails a new code for a stored login, then stores it with `also`'s writes in one commit. */
  async sendOtp(target: LoginForOtp, client: ClientInfo | null, also: Prelude): Promise<void> {
    await this.d.otp.reissue(target, (otp) =>
      this.d.commit(async (w) => {
        await also(w);
        await saveOtp(w.logins, target, otp, false);
        w.audit.record("authn.otp-sent", "sent", { userKey: target.user.userKey, method: "otp", client });
      }),
    );
  }

  /** Sends the first code of a login; a fresh login is stored only once its mail is sent. */
  private async startOtp(
    user: UserRecord,
    existing: LiveLogin | null,
    factors: Factor[],
    client: ClientInfo,
    prelude: Prelude,
  ): Promise<AuthnResponse> {
    if (existing) {
      await this.sendOtp({ ...otpTarget(existing), factors }, client, prelude);
      return this.d.steps.answer(await this.d.steps.live(existing.token));
    }
    const token = this.d.steps.newToken();
    const otp = await this.d.otp.issue(user, token.hash);
    return this.d.commit(async (w) => {
      await prelude(w);
      const live = await w.steps.open(user, "OTP_REQUIRED", factors, token, otp);
      w.audit.record("authn.otp-sent", "sent", { userKey: user.userKey, method: "otp", client });
      return w.steps.answer(live);
    });
  }
}

/** A step of the login: the existing one moved on, or a new one opened. */
function stepTo(
  w: AnswerWrites,
  user: UserRecord,
  existing: LiveLogin | null,
  state: AuthnState,
  factors: Factor[],
): Promise<AnswerableLogin> {
  return existing ? w.steps.moveTo(existing, state, factors) : w.steps.open(user, state, factors);
}
