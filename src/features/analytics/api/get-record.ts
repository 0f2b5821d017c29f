/**
 * A sample's ECG record for the drill-down view (GET /api/ecgs/:source/:ecgId/wfdb and its
 * files, decoded in the browser). Kept in this feature until the shared record kit lands.
 */
import { useQuery } from '@tanstack/react-query';
import { decodeWfdbFiles } from '../../../domain/wfdb/decode-files';
import { apiGet, apiGetBytes } from '../../../lib/api-client';
import { WfdbRecordFilesSchema } from '../../../schemas/api/transfer';

/** The decoded record of an ECG; disabled while unknown or without a record. */
export const useDrilldownRecord = (source: string | undefined, ecgId: string | undefined) =>
  useQuery({
    // The samples feature caches the same record under the same key.
    queryKey: ['ecgs', 'record', source, ecgId],
    enabled: Boolean(source && ecgId),
    staleTime: Infinity,
    retry: false,
    queryFn: async ({ signal }) => {
      const base = `/api/ecgs/${encodeURIComponent(source!)}/${encodeURIComponent(ecgId!)}/wfdb`;
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
    },
  });
