/** Synchronous work between two yields to the event loop, at most (ms). */
export const SLICE_BUDGET_MS = 8;

/**
 * Splits long synchronous work (reading, checking and writing an import) into slices of about
 * budgetMs, yielding to the event loop between them so other requests are answered meanwhile.
 * Call pause() often (per entry, per row): it yields only when the slice has used its budget.
 */
export class EventLoopSlicer {
  private sliceStartMs = performance.now();

  constructor(private readonly budgetMs: number = SLICE_BUDGET_MS) {}

  /** True when the current slice has used its budget (the caller should pause). */
  get due(): boolean {
    return performance.now() - this.sliceStartMs >= this.budgetMs;
  }

  /** Yields to the event loop (I/O, timers, other requests) if the slice has used its budget. */
  async pause(): Promise<void> {
    if (!this.due) return;
    // setImmediate runs after the poll phase: pending I/O (other requests) goes first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStartMs = performance.now();
  }
}
