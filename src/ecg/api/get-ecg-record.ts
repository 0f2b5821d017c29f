/** GET /api/ecgs/:source/:ecgId/wfdb and its files: the record's bytes, decoded in the browser. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { decodeWfdbFiles } from '../../domain/wfdb/decode-files';
import type { DecodedRecord } from '../../domain/wfdb/decode';
import { apiGet, apiGetBytes } from '../../lib/api-client';
import { WfdbRecordFilesSchema } from '../../schemas/api/transfer';

const recordBase = (source: string, ecgId: string) =>
  `/api/ecgs/${encodeURIComponent(source)}/${encodeURIComponent(ecgId)}/wfdb`;

/** Fetches a record's header and files and decodes them; WFDB errors name the file and reason. */
export async function getEcgRecord(
  source: string,
  ecgId: string,
  signal?: AbortSignal,
): Promise<DecodedRecord> {
  const base = recordBase(source, ecgId);
  const listing = await apiGet(base, WfdbRecordFilesSchema, signal);
  const files = new Map<string, Uint8Array>([
    [`${listing.recordName}.hea`, new TextEncoder().encode(listing.header)],
  ]);
  await Promise.all(
    listing.files.map(async (name) =>
      files.set(name, await apiGetBytes(`${base}/${encodeURIComponent(name)}`, signal)),
    ),
  );
  return decodeWfdbFiles(files, listing.recordName);
}

/** Query options for one decoded record (kept: records do not change). */
export const ecgRecordQueryOptions = (source: string, ecgId: string) =>
  queryOptions({
    queryKey: ['ecgs', 'record', source, ecgId],
    queryFn: ({ signal }) => getEcgRecord(source, ecgId, signal),
    staleTime: Infinity,
    retry: false,
  });

/** One decoded record; disabled until source and id are known. */
export const useEcgRecord = (source: string | undefined, ecgId: string | undefined) =>
  useQuery({
    ...ecgRecordQueryOptions(source ?? '', ecgId ?? ''),
    enabled: Boolean(source && ecgId),
  });
