/** The way to the app that started this process. */
export interface ParentChannel {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Called when the parent is gone (a Node child process only: Electron ends its utility processes itself). */
  onParentGone(listener: () => void): void;
}

/** Electron's `process.parentPort` in a utility process (typed here: the simulator never imports electron). */
interface ParentPort {
  postMessage(message: unknown): void;
  on(event: "message", listener: (event: { data: unknown }) => void): void;
}

/** The parent's channel: Electron's parentPort in a utility process, Node's IPC in a forked child; null when neither. */
export function parentChannel(): ParentChannel | null {
  const port = (process as { parentPort?: ParentPort }).parentPort;
  if (port) {
    return {
      send: (message) => port.postMessage(message),
      onMessage: (listener) => port.on("message", (event) => listener(event.data)),
      onParentGone: () => {},
    };
  }
  if (typeof process.send === "function") {
    return {
      send: (message) => {
        if (process.connected) process.send?.(message);
      },
      onMessage: (listener) => process.on("message", listener),
      onParentGone: (listener) => process.on("disconnect", listener),
    };
  }
  return null;
}
