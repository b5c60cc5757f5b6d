import { type ZodError } from "zod";
import { AppError, type ErrorInfo } from "../../shared/errors.js";
import type { Envelope, EventPayload, MethodInput, MethodOutput } from "../../shared/contract/api.js";
import { methods, events } from "../../shared/contract/index.js";
import type { EventName, MethodName } from "../../shared/contract/names.js";

/** One implementation per contract method; the dispatcher hands each only validated input. */
export type Handlers = {
  [M in MethodName]: (input: MethodOutputOf<M>) => Promise<MethodOutput<M>>;
};
/** A method's input after validation (defaults applied, strings trimmed). */
type MethodOutputOf<M extends MethodName> = ReturnType<(typeof methods)[M]["input"]["parse"]>;

export type Dispatch = (method: string, rawInput: unknown) => Promise<Envelope>;

/**
 * Validates a call against the contract, runs its handler and answers with an
 * envelope. Both shells (IPC and HTTP) route every call through here, so input
 * is checked once, in one place, before any service sees it.
 */
export function createDispatcher(handlers: Handlers, log: (line: string) => void = () => {}): Dispatch {
  return async (method, rawInput) => {
    if (!Object.hasOwn(methods, method)) {
      return fail({ code: "NOT_FOUND", message: `There is no method called "${truncate(method)}".` });
    }
    const name = method as MethodName;
    const parsed = methods[name].input.safeParse(rawInput ?? {});
    if (!parsed.success) return fail(invalidInput(parsed.error));
    try {
      const handler = handlers[name] as ((input: unknown) => Promise<unknown>) | undefined;
      if (typeof handler !== "function") {
        return fail({ code: "NOT_AVAILABLE", message: `${name} is not available in this build.` });
      }
      const value = await handler(parsed.data);
      return { ok: true, value: methods[name].output.parse(value) };
    } catch (error) {
      if (error instanceof AppError) return fail(error.toInfo());
      log(`${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      return fail({ code: "INTERNAL", message: "Something went wrong inside the app. Please try again." });
    }
  };
}

export function invalidInput(error: ZodError): ErrorInfo {
  const fields = error.issues.map((issue) => ({ path: issue.path.join("."), problem: issue.message }));
  const first = fields[0];
  return {
    code: "INVALID_INPUT",
    message: first ? `Invalid ${first.path || "input"}: ${first.problem}.` : "Invalid input.",
    details: { fields },
  };
}

const fail = (error: ErrorInfo): Envelope => ({ ok: false, error });
const truncate = (text: string): string => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

export type EventListener = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** A typed fan-out for contract events; each shell forwards what it hears to its page. */
export class EventHub {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    const checked = events[event].payload.parse(payload) as EventPayload<E>;
    for (const listener of this.listeners) listener(event, checked);
  }

  listen(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

export type { MethodInput };
