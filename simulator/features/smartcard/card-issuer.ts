import { AppError } from "../../../shared/errors.js";
import type { Schedule } from "../../../shared/wire/control.js";
import type { IssueCardRequest } from "../../../shared/wire/smartcard.js";
import type { SimulatorContext } from "../../context.js";
import type { CardFile } from "../../smartcard/card-file.js";
import { issueCard } from "../../smartcard/issue-card.js";

const DAY_MS = 86_400_000;

/**
 * Cards predate the migration: valid from a year before email registration
 * opened (or from yesterday, if earlier), so a QA run that moves the clock back
 * to the migration still finds them valid.
 */
export function defaultNotBefore(now: Date, schedule: Schedule): Date {
  const migrationStart = Date.parse(schedule.userEmailRegistrationOpens) - 365 * DAY_MS;
  return new Date(Math.min(now.getTime() - DAY_MS, migrationStart));
}

/** Issues a card file for a user of this simulator, signed by its CA, dated by its clock. */
export async function issueCardFor(ctx: SimulatorContext, request: IssueCardRequest): Promise<CardFile> {
  const user = await ctx.users.find(request.userId);
  if (user === undefined) throw new AppError("NOT_FOUND", `No user with ID ${request.userId}.`);
  if (!user.hasSmartcard) {
    throw new AppError(
      "CONFLICT",
      `User ${user.userId} holds no smartcard in this simulator; create the user with hasSmartcard: true first.`,
    );
  }
  const now = ctx.clock.now();
  const notBefore = request.notBefore
    ? new Date(request.notBefore)
    : defaultNotBefore(now, ctx.phases.schedule);
  return issueCard(
    { certificatePem: ctx.ca.certPem, signingKey: ctx.ca.privateKey },
    {
      userId: user.userId,
      pin: request.pin,
      now,
      notBefore,
      ...(request.notAfter ? { notAfter: new Date(request.notAfter) } : {}),
    },
  );
}
