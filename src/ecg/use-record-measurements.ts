/** The measurement engine's results for the open record, computed in the measurement worker. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { EcgRecord } from '../domain/wfdb/record';
import { measureInWorker } from '../lib/measure-client';

/** Query options for one record's measurements (kept: a record never changes). */
export const recordMeasurementsQueryOptions = (
  record: EcgRecord | undefined,
  source: string,
  ecgId: string,
) =>
  queryOptions({
    queryKey: ['ecgs', 'measurements', source, ecgId],
    queryFn: () => measureInWorker(record!),
    staleTime: Infinity,
    retry: false,
  });

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
    ...recordMeasurementsQueryOptions(record, source ?? '', ecgId ?? ''),
    enabled: Boolean(record && source && ecgId),
  });
