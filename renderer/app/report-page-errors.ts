import { ccms } from "../bridge/index.js";

/** What the page reads of the window; typed here so the module also compiles for Node tests. */
interface ErrorSource {
  addEventListener(type: "error", listener: (event: ErrorEvent) => void): void;
  addEventListener(type: "unhandledrejection", listener: (event: PromiseRejectionEvent) => void): void;
}

const text = (value: unknown): string => (value instanceof Error ? value.message : String(value));
const stackOf = (value: unknown): string | undefined =>
  value instanceof Error && value.stack ? value.stack.slice(0, 8_000) : undefined;

/**
 * Sends the page's uncaught errors and unhandled rejections to the app's log (`app.reportError`),
 * once the bridge is there. A report that cannot be sent is dropped: reporting never fails the page.
 */
export function reportPageErrors(source: ErrorSource = window): void {
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
  source.addEventListener("error", (event) => {
    send({
      kind: "error",
      message: (event.message || text(event.error)).slice(0, 2_000),
      ...(event.filename
        ? { source: `${event.filename}:${event.lineno}:${event.colno}`.slice(0, 2_048) }
        : {}),
      ...(stackOf(event.error) ? { stack: stackOf(event.error) } : {}),
    });
  });
  source.addEventListener("unhandledrejection", (event) => {
    send({
      kind: "unhandledrejection",
      message: text(event.reason).slice(0, 2_000),
      ...(stackOf(event.reason) ? { stack: stackOf(event.reason) } : {}),
    });
  });
}
