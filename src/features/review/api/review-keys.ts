/** Query keys of the review feature: one tree, so a mutation invalidates exactly what it changed. */
import type { ReviewQueueFilters } from './queue';

/** Every review query key, by what it holds. */
export const reviewKeys = {
  all: ['review'] as const,
  passes: () => [...reviewKeys.all, 'passes'] as const,
  pass: (passId: string) => [...reviewKeys.all, 'pass', passId] as const,
  reviewers: () => [...reviewKeys.all, 'reviewers'] as const,
  queues: (passId: string) => [...reviewKeys.pass(passId), 'queue'] as const,
  queue: (passId: string, filters: ReviewQueueFilters) =>
    [...reviewKeys.queues(passId), filters] as const,
  progress: (passId: string) => [...reviewKeys.pass(passId), 'progress'] as const,
  verdict: (passId: string, sampleId: string) =>
    [...reviewKeys.pass(passId), 'verdict', sampleId] as const,
  verdicts: (passId: string) => [...reviewKeys.pass(passId), 'verdicts'] as const,
  agreement: (passId: string) => [...reviewKeys.pass(passId), 'agreement'] as const,
  sample: (sampleId: string) => [...reviewKeys.all, 'sample', sampleId] as const,
  preflags: (sampleId: string) => [...reviewKeys.all, 'preflags', sampleId] as const,
};
