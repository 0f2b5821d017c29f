/** GET /api/samples (every page): sample ids in the server's order, for next/previous sample. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { SampleListResponseSchema } from '../../../schemas/api/samples';

/** Largest page the server allows. */
const PAGE_LIMIT = 500;

/** Fetches the ids of every sample, following the cursor to the end. */
export async function getSampleIds(signal?: AbortSignal): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: String(PAGE_LIMIT) });
    if (cursor) query.set('cursor', cursor);
    const page = await apiGet(`/api/samples?${query.toString()}`, SampleListResponseSchema, signal);
    for (const item of page.items) ids.push(item.id);
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/** Query options for the ordered sample ids. */
export const sampleIdsQueryOptions = () =>
  queryOptions({
    queryKey: ['samples', 'ids'],
    queryFn: ({ signal }) => getSampleIds(signal),
    staleTime: 5 * 60_000,
  });

/** The ordered sample ids (for navigation). */
export const useSampleIds = () => useQuery(sampleIdsQueryOptions());
