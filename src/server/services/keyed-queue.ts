/**
 * Runs tasks with the same key one after another (in this process), in arrival order; tasks
 * with different keys run freely. Used so that a retried write waits for the first one.
 */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs fn once every earlier task with this key has settled; resolves with fn's result. */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const done = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => done);
    this.tails.set(key, tail);
    try {
      await previous;
      return await fn();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }

  /** Keys with a task running or waiting (tests check nothing is left behind). */
  get size(): number {
    return this.tails.size;
  }
}
