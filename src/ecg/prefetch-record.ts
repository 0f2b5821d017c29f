/** Fetches and decodes a record before it is asked for, so opening it shows the plot at once. */
import type { QueryClient } from '@tanstack/react-query';
import { ecgRecordQueryOptions } from './api/get-ecg-record';

/** Caches one decoded record (kept: records do not change); errors wait for the record's own view. */
export function prefetchEcgRecord(
  client: QueryClient,
  source: string,
  ecgId: string,
): Promise<void> {
  return client.prefetchQuery(ecgRecordQueryOptions(source, ecgId));
}
