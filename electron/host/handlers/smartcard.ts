import {
  SMARTCARD_CHALLENGE_PATH,
  SMARTCARD_VERIFY_PATH,
  smartcardChallengeResponseSchema,
} from "../../../shared/wire/smartcard.js";
import { leftOutOfBuild, PcscBackend } from "../../services/smartcard/pcsc-backend.js";
import { SmartcardService } from "../../services/smartcard/smartcard-service.js";
import { SimulatedReader } from "../../../simulator/smartcard/simulated-reader.js";
import type { HostContext } from "../context.js";
import type { Handlers } from "../dispatch.js";
import { PracticeCards } from "../practice-card.js";
import { simulatorAccess } from "../simulator-access.js";

type SmartcardMethod =
  | "smartcard.status"
  | "smartcard.inspect"
  | "smartcard.signIn"
  | "smartcard.insertSimulated"
  | "smartcard.removeSimulated"
  | "smartcard.practiceCard"
  | "smartcard.issuePracticeCard";

/**
 * The smartcard service over two backends: the system's PC/SC readers and the
 * built-in simulated reader (the same applet as the virtual card, in-process).
 * Reader watching starts with the first status call, so an app that never
 * opens the smartcard screen never touches PC/SC.
 */
export function smartcardHandlers(ctx: HostContext): Pick<Handlers, SmartcardMethod> {
  const simulated = new SimulatedReader();
  const service = new SmartcardService({
    backends: [
      new PcscBackend(ctx.config.smartcardInBuild === false ? leftOutOfBuild : undefined),
      simulated,
    ],
    factor: () => ({
      challenge: () =>
        ctx.auth().factorRequest(SMARTCARD_CHALLENGE_PATH, {}, smartcardChallengeResponseSchema),
      verify: (proof) => ctx.auth().factorStep(SMARTCARD_VERIFY_PATH, proof),
    }),
    onStatus: (status) => ctx.events.emit("smartcard.status", status),
    onProgress: (progress) => ctx.events.emit("smartcard.progress", progress),
  });
  let watching: Promise<void> | undefined;
  const watch = () => (watching ??= service.start());
  ctx.onClose(() => service.stop());

  const statusNow = async () => {
    await watch();
    return service.status();
  };
  const publish = async () => {
    const status = await service.status();
    ctx.events.emit("smartcard.status", status);
    return status;
  };
  const practiceCards = new PracticeCards(ctx, {
    access: simulatorAccess(ctx),
    simulated,
    readers: () => service.status(),
    publish,
  });

  return {
    "smartcard.status": statusNow,
    "smartcard.inspect": (input) => service.inspect(input.reader),
    "smartcard.signIn": (input) => service.signIn(input),
    "smartcard.insertSimulated": async (input) => {
      simulated.insertFile(input.cardFile);
      await watch();
      return publish();
    },
    "smartcard.removeSimulated": async () => {
      simulated.remove();
      await watch();
      return publish();
    },
    "smartcard.practiceCard": () => practiceCards.info(),
    "smartcard.issuePracticeCard": async (input) => {
      await watch();
      return practiceCards.issue(input);
    },
  };
}
