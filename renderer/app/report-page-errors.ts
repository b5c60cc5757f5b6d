import { ccms } from "../bridge/index.js";

/** What the page reads of the window; typed here so the module also compiles for Node tests. */
interface ErrorSource {
  addEventListener(type: "error" | "unhandledrejection", listener: (event: Event) => void): void;
}

/** What an `error` event (the browser's ErrorEvent) tells of the error. */
interface ErrorFields {
  message: string;
  filename: string;
  lineno: number;
  colno: number;
  error: unknown;
}

const text = (value: unknown): string => (value instanceof Error ? value.message : String(value));
const stackOf = (value: unknown): string | undefined =>
  value instanceof Error && value.stack ? value.stack.slice(0, 8_000) : undefined;

/**
 * Sends the page's uncaught errors and unhandled rejections to the app's log (`app.reportError`),
 * once the bridge is there. A report that cannot be sent is dropped: reporting never fails the page.
 */
export function reportPageErrors(source: ErrorSource = globalThis as unknown as ErrorSource): void {
  const send = (report: {
    kind: "error" | "unhandledrejection";
    message: string;
    source?: string;
    stack?: string;
  }) => {
    void ccms()
      .then((api) => api.app.reportError(report))
      .catch(() => {});
  };
  source.addEventListener("error", (raw) => {
    const event = raw as Event & Partial<ErrorFields>;
    send({
      kind: "error",
      message: (event.message || text(event.error)).slice(0, 2_000),
      ...(event.filename
        ? { source: `${event.filename}:${event.lineno}:${event.colno}`.slice(0, 2_048) }
        : {}),
      ...(stackOf(event.error) ? { stack: stackOf(event.error) } : {}),
    });
  });
  source.addEventListener("unhandledrejection", (raw) => {
    const event = raw as Event & { reason?: unknown };
    send({
      kind: "unhandledrejection",
      message: text(event.reason).slice(0, 2_000),
      ...(stackOf(event.reason) ? { stack: stackOf(event.reason) } : {}),
    });
  });
}
