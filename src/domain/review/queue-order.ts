/** The order of a reviewer's queue: the most pre-flagged samples first, then the pass's order. */

/** What the order looks at in a queue item. */
export interface QueueOrderKey {
  /** How many automatic pre-flags the sample has (0 when none or not yet checked). */
  readonly preflagCount: number;
  /** The sample's place in the pass (data source, then sample id). */
  readonly position: number;
}

/** Compares two queue items: more pre-flags first, then lower position. */
export function compareQueueItems(a: QueueOrderKey, b: QueueOrderKey): number {
  return b.preflagCount - a.preflagCount || a.position - b.position;
}

/** A new array of the items in queue order (the input is left as it was). */
export function orderQueue<T extends QueueOrderKey>(items: readonly T[]): T[] {
  return [...items].sort(compareQueueItems);
}
