/** GET /api/samples one page at a time, with the worklist's filters. */
import { infiniteQueryOptions, useInfiniteQuery } from '@tanstack/react-query';
import { apiGet } from '../../../lib/api-client';
import { SampleListResponseSchema } from '../../../schemas/api/samples';

/** The worklist filters; empty strings mean "any". */
export interface SampleFilters {
  readonly dataSource: string;
  readonly targetDx: string;
  readonly dxLabel: '' | 'true' | 'false';
}

const PAGE_SIZE = 100;

function pageUrl(filters: SampleFilters, cursor: string | null): string {
  const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (filters.dataSource) query.set('data_source', filters.dataSource);
  if (filters.targetDx) query.set('target_dx', filters.targetDx);
  if (filters.dxLabel) query.set('dx_label', filters.dxLabel);
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
