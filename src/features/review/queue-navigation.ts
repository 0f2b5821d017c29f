/** Moving through a reviewer's queue from the open sample: neighbours, and the next to judge. */
import type { QueueItem } from '../../schemas/api/review-queue';

/** Where a sample sits in the queue (index -1: not in it, e.g. filtered out). */
export interface QueuePlace {
  readonly index: number;
  readonly previous: QueueItem | null;
  readonly next: QueueItem | null;
}

/** The sample's place and its neighbours in queue order. */
export function queuePlace(items: readonly QueueItem[], sampleId: string): QueuePlace {
  const index = items.findIndex((item) => item.sampleId === sampleId);
  if (index < 0) return { index, previous: null, next: items[0] ?? null };
  return { index, previous: items[index - 1] ?? null, next: items[index + 1] ?? null };
}

/**
 * The items still without a verdict that come after the sample, in the order a reviewer meets
 * them: those after it, then those before it (a queue walked from the middle comes round).
 */
export function openItemsAfter(items: readonly QueueItem[], sampleId: string): QueueItem[] {
  const index = items.findIndex((item) => item.sampleId === sampleId);
  const after = index < 0 ? items : [...items.slice(index + 1), ...items.slice(0, index)];
  return after.filter((item) => item.verdict === null && item.sampleId !== sampleId);
}

/** The sample a verdict moves on to: the next one without a verdict, null when none is left. */
export function nextToReview(items: readonly QueueItem[], sampleId: string): QueueItem | null {
  return openItemsAfter(items, sampleId)[0] ?? null;
}

/** The first item to open from the queue: the first without a verdict, else the first. */
export function firstToReview(items: readonly QueueItem[]): QueueItem | null {
  return items.find((item) => item.verdict === null) ?? items[0] ?? null;
}
