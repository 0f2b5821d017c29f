/** Fetches the samples either side of the open one, and their records, before they are asked for. */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { prefetchEcgRecord } from '../../../ecg/prefetch-record';
import { readSampleFilters, sampleFiltersQuery } from '../../../lib/sample-filters';
import type { SampleFilters } from '../../../schemas/api/samples';
import { sampleQueryOptions } from '../../../reasoning/api/get-sample';
import { sampleNeighboursQueryOptions } from './get-sample-neighbours';

/**
 * Caches one sample, its decoded record and its own neighbours in the filtered list (so a [
 * right after a ] knows where to go). Failures stay quiet here: opening that sample asks again
 * and shows the error where it belongs.
 */
export async function prefetchSampleWithRecord(
  client: QueryClient,
  id: string,
  filters: SampleFilters,
): Promise<void> {
  try {
    void client.prefetchQuery(sampleNeighboursQueryOptions(id, filters));
    const detail = await client.fetchQuery(sampleQueryOptions(id));
    if (detail.ecg.recordAvailable)
      await prefetchEcgRecord(client, detail.ecg.source, detail.ecg.ecgId);
  } catch {
    // Not this sample's view: nothing to show yet.
  }
}

/**
 * Prefetches the next and previous samples with their records, so ] and [ open them at once and
 * the plot stays mounted (its canvas, toolbar and Konva stage are kept, only the record changes).
 */
export function usePrefetchNeighbours(
  ids: readonly (string | undefined)[],
  filters: SampleFilters,
): void {
  const client = useQueryClient();
  const key = ids.join(' ');
  const query = sampleFiltersQuery(filters);
  useEffect(() => {
    const kept = readSampleFilters(new URLSearchParams(query));
    for (const id of key.split(' ')) if (id) void prefetchSampleWithRecord(client, id, kept);
  }, [client, key, query]);
}
