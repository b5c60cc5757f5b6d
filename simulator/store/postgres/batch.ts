/**
 * Gathers the calls made during one turn of the event loop and serves them with one statement:
 * under load many requests share a round trip to the database (fewer queries, less CPU each),
 * and a lone request waits no longer than a turn. Each caller gets its own result, or the error
 * of the statement that carried its item.
 */
export class Batch<T, R> {
  private items: T[] = [];
  private waiting: Array<{ resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
  private scheduled = false;

  constructor(private readonly run: (items: T[]) => Promise<R[]>) {}

  add(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.items.push(item);
      this.waiting.push({ resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const items = this.items;
    const waiting = this.waiting;
    this.items = [];
    this.waiting = [];
    this.run(items).then(
      (results) => waiting.forEach((w, i) => w.resolve(results[i] as R)),
      (error: unknown) => waiting.forEach((w) => w.reject(error)),
    );
  }
}
