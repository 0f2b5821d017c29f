/** The measurement engine's results for the open record, computed in the measurement worker. */
import { useQuery } from '@tanstack/react-query';
import type { EcgRecord } from '../domain/wfdb/record';
import { measureInWorker } from '../lib/measure-client';

/**
 * Measures `record` off the page's thread; cached per record like the record itself, since a
 * record never changes. `undefined` data until the worker answers (the plot draws meanwhile).
 */
export const useRecordMeasurements = (
  record: EcgRecord | undefined,
  source: string | undefined,
  ecgId: string | undefined,
) =>
  useQuery({
    queryKey: ['ecgs', 'measurements', source ?? '', ecgId ?? ''],
    queryFn: () => measureInWorker(record!),
    enabled: Boolean(record && source && ecgId),
    staleTime: Infinity,
    retry: false,
  });
