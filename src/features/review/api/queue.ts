/** A reviewer's queue in a pass (every item in one response) and the pass's progress. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import type { PassProgress, ReviewQueueResponse } from '../../../schemas/api/review-queue';
import type { z } from 'zod';
import {
  PassProgressSchema,
  ReviewQueueQuerySchema,
  ReviewQueueResponseSchema,
} from '../../../schemas/api/review-queue';
import type { PreflagFilter } from '../../../schemas/api/review';
import type { DataSource, TargetDx } from '../../../schemas/benchmark-sample';
import { reviewKeys } from './review-keys';

/** The queue's filters (absent: any). `reviewer` is for curators and admins. */
export interface ReviewQueueFilters {
  readonly dataSource?: DataSource;
  readonly targetDx?: TargetDx;
  readonly dxLabel?: boolean;
  readonly status?: 'done' | 'open';
  readonly preflag?: PreflagFilter;
  readonly reviewer?: string;
}

/** The filters as a query string (without `?`; snake_case as the API and the screens' URLs take it). */
export function reviewQueueQuery(filters: ReviewQueueFilters = {}): string {
  const query = new URLSearchParams();
  if (filters.dataSource) query.set('data_source', filters.dataSource);
  if (filters.targetDx) query.set('target_dx', filters.targetDx);
  if (filters.dxLabel !== undefined) query.set('dx_label', String(filters.dxLabel));
  if (filters.status) query.set('status', filters.status);
  if (filters.preflag) query.set('preflag', filters.preflag);
  if (filters.reviewer) query.set('reviewer', filters.reviewer);
  return query.toString();
}

/** Reads the filters back from a query string; a value the API would refuse is left out. */
export function readReviewQueueQuery(search: URLSearchParams): ReviewQueueFilters {
  const shape = ReviewQueueQuerySchema.shape;
  const read = <K extends keyof typeof shape>(key: K) => {
    const raw = search.get(key);
    if (raw === null || raw === '') return undefined;
    const parsed = shape[key].safeParse(raw);
    return parsed.success ? (parsed.data as z.output<(typeof shape)[K]>) : undefined;
  };
  const filters: {
    -readonly [K in keyof ReviewQueueFilters]: ReviewQueueFilters[K];
  } = {};
  const dataSource = read('data_source');
  const targetDx = read('target_dx');
  const dxLabel = read('dx_label');
  const status = read('status');
  const preflag = read('preflag');
  const reviewer = read('reviewer');
  if (dataSource) filters.dataSource = dataSource;
  if (targetDx) filters.targetDx = targetDx;
  if (dxLabel !== undefined) filters.dxLabel = dxLabel;
  if (status) filters.status = status;
  if (preflag) filters.preflag = preflag;
  if (reviewer) filters.reviewer = reviewer;
  return filters;
}

/** The queue URL with its filters in the query string. */
export function reviewQueuePath(passId: string, filters: ReviewQueueFilters = {}): string {
  const text = reviewQueueQuery(filters);
  return `/api/review-passes/${encodeURIComponent(passId)}/queue${text ? `?${text}` : ''}`;
}

/** GET /api/review-passes/:passId/queue: the items in queue order (pre-flagged first). */
export function getReviewQueue(
  passId: string,
  filters: ReviewQueueFilters = {},
  signal?: AbortSignal,
): Promise<ReviewQueueResponse> {
  return apiGet(reviewQueuePath(passId, filters), ReviewQueueResponseSchema, signal);
}

/** Query options for a queue. */
export const reviewQueueQueryOptions = (passId: string, filters: ReviewQueueFilters = {}) =>
  queryOptions({
    queryKey: reviewKeys.queue(passId, filters),
    queryFn: ({ signal }) => getReviewQueue(passId, filters, signal),
  });

/** A queue with its progress. */
export const useReviewQueue = (passId: string, filters: ReviewQueueFilters = {}) =>
  useQuery(reviewQueueQueryOptions(passId, filters));

/** GET /api/review-passes/:passId/progress. */
export function getPassProgress(passId: string, signal?: AbortSignal): Promise<PassProgress> {
  return apiGet(
    `/api/review-passes/${encodeURIComponent(passId)}/progress`,
    PassProgressSchema,
    signal,
  );
}

/** Query options for a pass's progress. */
export const passProgressQueryOptions = (passId: string) =>
  queryOptions({
    queryKey: reviewKeys.progress(passId),
    queryFn: ({ signal }) => getPassProgress(passId, signal),
  });

/** A pass's progress (done / total per reviewer, time left). */
export const usePassProgress = (passId: string) => useQuery(passProgressQueryOptions(passId));
