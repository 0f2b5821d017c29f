/** GET /api/samples/:id/neighbours: the previous and next sample in list order, and the place. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { SampleNeighboursSchema, type SampleNeighbours } from '../../../schemas/api/samples';

/** Fetches where one sample sits in the list. */
export function getSampleNeighbours(id: string, signal?: AbortSignal): Promise<SampleNeighbours> {
  return apiGet(
    `/api/samples/${encodeURIComponent(id)}/neighbours`,
    SampleNeighboursSchema,
    signal,
  );
}

/** Query options for one sample's neighbours. */
export const sampleNeighboursQueryOptions = (id: string) =>
  queryOptions({
    queryKey: ['samples', 'neighbours', id],
    queryFn: ({ signal }) => getSampleNeighbours(id, signal),
  });

/** The previous and next sample of one sample. */
export const useSampleNeighbours = (id: string) => useQuery(sampleNeighboursQueryOptions(id));
