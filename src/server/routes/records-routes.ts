import { readRecordFile, readRecordFiles, recordRoots } from '../services/records';
import { SIGNED_IN } from './access';
import type { Route } from './route-table';
import { defineRoute } from './route-table';

/** WFDB files of registered ECGs, read from RECORDS_DIR or the demo folder (never written). */
export const recordsRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/ecgs/:source/:ecgId/wfdb',
    access: SIGNED_IN,
    summary: 'Read an ECG record header',
    async handler({ deps, params }) {
      const record = await readRecordFiles(
        deps.db,
        recordRoots(deps.config),
        params['source'] ?? '',
        params['ecgId'] ?? '',
      );
      return {
        body: { recordName: record.recordName, header: record.header, files: record.files },
        headers: { 'Cache-Control': 'private, max-age=300' },
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/ecgs/:source/:ecgId/wfdb/:fileName',
    access: SIGNED_IN,
    summary: 'Read an ECG record file',
    async handler({ deps, params }) {
      const bytes = await readRecordFile(
        deps.db,
        recordRoots(deps.config),
        params['source'] ?? '',
        params['ecgId'] ?? '',
        params['fileName'] ?? '',
      );
      // Node's and the DOM's typings of a byte array differ; the bytes are a plain Uint8Array.
      return new Response(bytes as Uint8Array<ArrayBuffer>, {
        status: 200,
        headers: {
          'Content-Type': 'application/octet-stream',
          'Content-Length': String(bytes.byteLength),
          'Cache-Control': 'private, max-age=300',
          'X-Content-Type-Options': 'nosniff',
        },
      });
    },
  }),
];
