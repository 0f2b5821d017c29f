/** GET /api/samples one page at a time, with the worklist's filters. */
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { sampleFiltersQuery } from '../../../lib/sample-filters';
import { SampleListResponseSchema, type SampleFilters } from '../../../schemas/api/samples';

const PAGE_SIZE = 100;

function pageUrl(filters: SampleFilters, cursor: string | null): string {
  const query = new URLSearchParams(sampleFiltersQuery(filters));
  query.set('limit', String(PAGE_SIZE));
  if (cursor) query.set('cursor', cursor);
  return `/api/samples?${query.toString()}`;
}

/** Query options for the filtered sample list, page by page. */
export const sampleListQueryOptions = (filters: SampleFilters) =>
  infiniteQueryOptions({
    queryKey: ['samples', 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      apiGet(pageUrl(filters, pageParam), SampleListResponseSchema, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });

/** The filtered sample list. */
export const useSampleList = (filters: SampleFilters) =>
  useInfiniteQuery(sampleListQueryOptions(filters));
