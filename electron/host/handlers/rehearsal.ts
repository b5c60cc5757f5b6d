import type { HostContext } from "../context.js";
import type { Handlers } from "../dispatch.js";
import { practiceOf } from "../practice.js";
import { simulatorAccess } from "../simulator-access.js";

type RehearsalMethod =
  | "rehearsal.state"
  | "rehearsal.setMoment"
  | "rehearsal.applySituation"
  | "rehearsal.startOver"
  | "rehearsal.setTrainerToken"
  | "rehearsal.forgetTrainerToken"
  | "practice.checklist";

/** The rehearsal panel and the practice checklist: every change goes through the simulator's control API. */
export function rehearsalHandlers(ctx: HostContext): Pick<Handlers, RehearsalMethod> {
  const access = simulatorAccess(ctx);
  const control = () => access.requireControl();
  return {
    "rehearsal.state": () => access.view(),
    "rehearsal.setMoment": async (input) => (await control()).setMoment(input),
    "rehearsal.applySituation": async ({ name }) => (await control()).applySituation(name),
    "rehearsal.startOver": async () => (await control()).startOver(),
    "rehearsal.setTrainerToken": ({ token }) => access.setTrainerToken(token),
    "rehearsal.forgetTrainerToken": () => access.forgetTrainerToken(),
    "practice.checklist": () => practiceOf(ctx).checklist(),
  };
}
