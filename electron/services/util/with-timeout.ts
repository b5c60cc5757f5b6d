/** A promise that did not settle within its time limit. */
export class TimedOut extends Error {
  constructor(readonly limitMs: number) {
    super(`no answer within ${limitMs} ms`);
    this.name = "TimedOut";
  }
}

/** Settles with `work`, or rejects with TimedOut after `limitMs` (calling `onTimeout` to release resources). */
export function withTimeout<T>(work: Promise<T>, limitMs: number, onTimeout?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => {
        onTimeout?.();
        reject(new TimedOut(limitMs));
      },
      Math.max(0, limitMs),
    );
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
