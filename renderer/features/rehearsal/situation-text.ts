import type { TFunction } from "i18next";
import type { Situation } from "../../../shared/wire/rehearsal.js";

/** A situation's name in the chosen language (a situation this build does not know keeps its own name). */
export function situationTitle(t: TFunction, situation: Pick<Situation, "name">): string {
  return t(`rehearsal.situations.${situation.name}.title`, { defaultValue: situation.name });
}

/** Whom to sign in as: the situation's users and their password (one sentence when they share it). */
export function situationWho(t: TFunction, situation: Situation): string {
  const separator = t("rehearsal.listSeparator");
  const passwords = new Set(situation.users.map((user) => user.password));
  const [password] = passwords;
  if (passwords.size === 1 && password !== undefined) {
    return t("rehearsal.signInAs", {
      users: situation.users.map((user) => user.userId).join(separator),
      password,
    });
  }
  return t("rehearsal.signInAsEach", {
    users: situation.users
      .map((user) => t("rehearsal.userWithPassword", { userId: user.userId, password: user.password }))
      .join(separator),
  });
}
