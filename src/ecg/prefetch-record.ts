/**
 * Fetches, decodes and measures a record before it is asked for, so opening it shows the plot
 * and everything drawn from the engine's measurements (beats, grounding values) at once.
 */
import type { QueryClient } from '@tanstack/react-query';
import { ecgRecordQueryOptions } from './api/get-ecg-record';
import { recordMeasurementsQueryOptions } from './use-record-measurements';

/**
 * Caches one decoded record and its measurements (kept: records do not change); errors wait for
 * the record's own view. The measuring runs in the measurement worker, off the page's thread,
 * while the reader is still on the sample before, not after the key that opens this one.
 */
export async function prefetchEcgRecord(
  client: QueryClient,
  source: string,
  ecgId: string,
): Promise<void> {
  await client.prefetchQuery(ecgRecordQueryOptions(source, ecgId));
  const record = client.getQueryData(ecgRecordQueryOptions(source, ecgId).queryKey);
  if (record) await client.prefetchQuery(recordMeasurementsQueryOptions(record, source, ecgId));
}
