import { AppError } from "../../../shared/errors.js";
import { MailboxClient } from "../../services/mailbox/mailbox-client.js";
import { requireUsable, type HostContext } from "../context.js";
import type { Handlers } from "../dispatch.js";

type AuthMethod =
  | "auth.begin"
  | "auth.verifyOtp"
  | "auth.resendOtp"
  | "auth.changePassword"
  | "auth.chooseFactor"
  | "auth.cancel"
  | "auth.session"
  | "auth.signOut"
  | "mailbox.list";

export function authHandlers(ctx: HostContext): Pick<Handlers, AuthMethod> {
  return {
    "auth.begin": (input) => ctx.auth().begin(input),
    "auth.verifyOtp": (input) => ctx.auth().verifyOtp(input),
    "auth.resendOtp": () => ctx.auth().resendOtp(),
    "auth.changePassword": (input) => ctx.auth().changePassword(input),
    "auth.chooseFactor": (input) => ctx.auth().chooseFactor(input),
    "auth.cancel": () => ctx.auth().cancel(),
    "auth.session": () => ctx.auth().session(),
    "auth.signOut": () => ctx.auth().signOut(),
    "mailbox.list": async () => {
      const connection = ctx.connection();
      if (connection.simulated) requireUsable(connection);
      if (!connection.simulated || !connection.http || connection.controlToken === null) {
        throw new AppError(
          "NOT_AVAILABLE",
          "The simulated mailbox exists only with a simulator: the built-in one, or one given with its control token.",
        );
      }
      const userId = ctx.auth().currentUserId;
      if (userId === undefined) {
        throw new AppError(
          "NO_LOGIN_IN_PROGRESS",
          "The mailbox shows the mail of the user signing in; start a sign-in first.",
        );
      }
      const mailbox = new MailboxClient({ http: connection.http, controlToken: connection.controlToken });
      return { messages: await mailbox.list(userId) };
    },
  };
}
