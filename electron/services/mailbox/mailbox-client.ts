import type { AxiosInstance } from "axios";
import { CONTROL_PREFIX, mailboxResponseSchema, type MailMessage } from "../../../shared/wire/control.js";
import { requestJson } from "../http/request-json.js";

export interface MailboxClientDeps {
  /** A client for the built-in simulator (its base URL and CA). */
  http: AxiosInstance;
  /** The simulator's control token; it never leaves the main process. */
  controlToken: string;
}

/** Reads the built-in simulator's outbox through its QA control API. */
export class MailboxClient {
  constructor(private readonly deps: MailboxClientDeps) {}

  async list(userId: string): Promise<MailMessage[]> {
    const body = await requestJson(
      this.deps.http,
      { method: "GET", url: `${CONTROL_PREFIX}/mailbox`, params: { userId }, bearer: this.deps.controlToken },
      mailboxResponseSchema,
    );
    return body.messages;
  }
}
