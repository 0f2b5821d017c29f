/** GET /api/samples/:id: one sample (list answer shape) and where its ECG is; shared by every screen that shows or edits one. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../lib/api-client';
import { SampleResponseSchema, type SampleResponse } from '../../schemas/api/samples';

/** Fetches one sample by its public id. */
export function getSample(id: string, signal?: AbortSignal): Promise<SampleResponse> {
  return apiGet(`/api/samples/${encodeURIComponent(id)}`, SampleResponseSchema, signal);
}

/** Query options for one sample. */
export const sampleQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['samples', 'detail', id],
    queryFn: ({ signal }) => getSample(id, signal),
  });

/** One sample, cached by id. */
export const useSample = (id: string) => useQuery(sampleQueryOptions(id));
