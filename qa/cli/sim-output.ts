import { type AuditEvent, type SimUser } from "../types.js";

/** One user per line: ID, role, participant, email, card, lock. */
export function userLine(user: SimUser): string {
  return [
    user.userId.padEnd(20),
    user.role.padEnd(4),
    `${user.participant}/${user.clearingHouse}`.padEnd(14),
    (user.email ?? "(no email)").padEnd(36),
    user.hasSmartcard ? "card" : "    ",
    user.lockedUntil === null ? "" : `locked until ${user.lockedUntil}`,
  ]
    .join(" ")
    .trimEnd();
}

/** A user, one field a line. */
export function describeUser(user: SimUser): string[] {
  return Object.entries(user).map(
    ([name, value]) => `${`${name}:`.padEnd(17)} ${value === null ? "-" : String(value)}`,
  );
}

export function eventLine(event: AuditEvent): string {
  return [event.at, event.userId ?? "-", event.event, event.method, event.outcome, event.detail ?? ""]
    .join("  ")
    .trimEnd();
}
