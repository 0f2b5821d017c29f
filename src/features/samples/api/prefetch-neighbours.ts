/** Fetches the samples either side of the open one, and their records, before they are asked for. */
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { prefetchEcgRecord } from '../../../ecg/prefetch-record';
import { sampleQueryOptions } from './get-sample';

/**
 * Caches one sample and its decoded record. Failures stay quiet here: opening that sample asks
 * again and shows the error where it belongs.
 */
export async function prefetchSampleWithRecord(client: QueryClient, id: string): Promise<void> {
  try {
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
export function usePrefetchNeighbours(ids: readonly (string | undefined)[]): void {
  const client = useQueryClient();
  const key = ids.join(' ');
  useEffect(() => {
    for (const id of key.split(' ')) if (id) void prefetchSampleWithRecord(client, id);
  }, [client, key]);
}
