/**
 * What the review screen shows of one sample: the sample (GET /api/samples/:id), its stored
 * pre-flags (GET /api/samples/:id/preflags), and everything a sample needs to open at once.
 */
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { prefetchEcgRecord } from '../../../ecg/prefetch-record';
import { apiGet } from '../../../lib/api-client';
import {
  SamplePreflagsResponseSchema,
  type SamplePreflagsResponse,
} from '../../../schemas/api/preflags';
import { SampleResponseSchema, type SampleResponse } from '../../../schemas/api/samples';
import { reviewKeys } from './review-keys';
import { ownVerdictQueryOptions } from './verdicts';

const samplePath = (sampleId: string) => `/api/samples/${encodeURIComponent(sampleId)}`;

/** GET /api/samples/:id: the sample and where its ECG is. */
export function getReviewSample(sampleId: string, signal?: AbortSignal): Promise<SampleResponse> {
  return apiGet(samplePath(sampleId), SampleResponseSchema, signal);
}

/** Query options for a sample under review. */
export const reviewSampleQueryOptions = (sampleId: string) =>
  queryOptions({
    queryKey: reviewKeys.sample(sampleId),
    queryFn: ({ signal }) => getReviewSample(sampleId, signal),
  });

/** A sample under review. */
export const useReviewSample = (sampleId: string) => useQuery(reviewSampleQueryOptions(sampleId));

/** GET /api/samples/:id/preflags: the sample's automatic pre-flags with their numbers. */
export function getSamplePreflags(
  sampleId: string,
  signal?: AbortSignal,
): Promise<SamplePreflagsResponse> {
  return apiGet(`${samplePath(sampleId)}/preflags`, SamplePreflagsResponseSchema, signal);
}

/** Query options for a sample's pre-flags. */
export const samplePreflagsQueryOptions = (sampleId: string) =>
  queryOptions({
    queryKey: reviewKeys.preflags(sampleId),
    queryFn: ({ signal }) => getSamplePreflags(sampleId, signal),
  });

/** A sample's pre-flags. */
export const useSamplePreflags = (sampleId: string) =>
  useQuery(samplePreflagsQueryOptions(sampleId));

/**
 * Caches everything a sample opens with (the sample, its decoded record, its pre-flags and the
 * reviewer's own verdict), so moving to it draws it at once. Failures stay quiet here: opening
 * the sample asks again and shows the error where it belongs.
 */
export async function prefetchReviewItem(
  client: QueryClient,
  passId: string,
  sampleId: string,
): Promise<void> {
  try {
    void client.prefetchQuery(samplePreflagsQueryOptions(sampleId));
    void client.prefetchQuery(ownVerdictQueryOptions(passId, sampleId));
    const detail = await client.fetchQuery(reviewSampleQueryOptions(sampleId));
    if (detail.ecg.recordAvailable)
      await prefetchEcgRecord(client, detail.ecg.source, detail.ecg.ecgId);
  } catch {
    // Not this sample's screen: nothing to show yet.
  }
}
