import type { z } from "zod";
import {
  ADMIN_PREFIX,
  adminUsersResponseSchema,
  lockResponseSchema,
  setEmailResponseSchema,
  unlockResponseSchema,
  type AdminUsersResponse,
  type LockResponse,
  type SetEmailResponse,
  type UnlockResponse,
} from "../../../shared/wire/admin.js";
import type { JsonRequest } from "../http/request-json.js";

/** What the admin client needs of the signed-in session: requests made with it (AuthClient). */
export interface SessionRequester {
  sessionRequest<S extends z.ZodType>(request: Omit<JsonRequest, "bearer">, schema: S): Promise<z.output<S>>;
}

/**
 * The Delegated Administrator's side of the admin API: lists the users of the
 * DA's participant, registers their email addresses and unlocks them. The
 * server decides who may do what (FORBIDDEN, REGISTRATION_CLOSED pass through).
 */
export class AdminClient {
  constructor(private readonly session: SessionRequester) {}

  listUsers(): Promise<AdminUsersResponse> {
    return this.session.sessionRequest(
      { method: "GET", url: `${ADMIN_PREFIX}/users` },
      adminUsersResponseSchema,
    );
  }

  setEmail(input: { userId: string; email: string }): Promise<SetEmailResponse> {
    return this.session.sessionRequest(
      { method: "PUT", url: `${userUrl(input.userId)}/email`, data: { email: input.email } },
      setEmailResponseSchema,
    );
  }

  unlock(input: { userId: string }): Promise<UnlockResponse> {
    return this.session.sessionRequest(
      { method: "POST", url: `${userUrl(input.userId)}/unlock` },
      unlockResponseSchema,
    );
  }

  lock(input: { userId: string }): Promise<LockResponse> {
    return this.session.sessionRequest(
      { method: "POST", url: `${userUrl(input.userId)}/lock` },
      lockResponseSchema,
    );
  }
}

const userUrl = (userId: string): string => `${ADMIN_PREFIX}/users/${encodeURIComponent(userId)}`;
