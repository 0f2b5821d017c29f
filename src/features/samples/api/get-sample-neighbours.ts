/** GET /api/samples/:id/neighbours: the previous and next sample in the filtered list, and the place. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { withSampleFilters } from '../../../lib/sample-filters';
import {
  SampleNeighboursSchema,
  type SampleFilters,
  type SampleNeighbours,
} from '../../../schemas/api/samples';

/** Fetches where one sample sits in the list the filters keep. */
export function getSampleNeighbours(
  id: string,
  filters: SampleFilters,
  signal?: AbortSignal,
): Promise<SampleNeighbours> {
  return apiGet(
    withSampleFilters(`/api/samples/${encodeURIComponent(id)}/neighbours`, filters),
    SampleNeighboursSchema,
    signal,
  );
}

/** Query options for one sample's neighbours in a filtered list. */
export const sampleNeighboursQueryOptions = (id: string, filters: SampleFilters) =>
  queryOptions({
    queryKey: ['samples', 'neighbours', id, filters],
    queryFn: ({ signal }) => getSampleNeighbours(id, filters, signal),
  });

/** The previous and next sample of one sample, within the worklist's filters. */
export const useSampleNeighbours = (id: string, filters: SampleFilters) =>
  useQuery(sampleNeighboursQueryOptions(id, filters));
