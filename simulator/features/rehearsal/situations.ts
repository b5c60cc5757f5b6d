import { type Situation } from "../../../shared/wire/rehearsal.js";
import { type Scenario } from "../../scenarios/scenario-schema.js";

/** A shipped scenario as a trainer sees it: what it is, who it brings (with their demo password). */
export function situationOf(scenario: Scenario): Situation {
  return {
    name: scenario.name,
    description: scenario.description ?? "",
    users: scenario.users.map((user) => ({
      userId: user.userId,
      displayName: user.displayName ?? user.userId,
      role: user.role,
      password: user.password,
      hasEmail: user.email !== undefined,
      hasSmartcard: user.hasSmartcard ?? false,
      locked: user.lockedForMinutes !== undefined,
    })),
    faults: scenario.faults !== undefined,
  };
}
