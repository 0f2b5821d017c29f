import { ExportQuerySchema, StartImportRequestSchema } from '../../schemas/api/transfer';
import type { DataSource, FormatVersion } from '../../schemas/benchmark-sample';
import { DATA_SOURCES } from '../../schemas/benchmark-sample';
import { MANIFEST_FILE_NAME, buildExport, exportFileName, sha256Hex } from '../services/export';
import { importJobsFor } from '../services/import-jobs';
import { preflagRunnerOf } from '../services/preflags/preflag-runner';
import { recordRoots, scanRegisteredRecords } from '../services/records';
import { notFound } from '../services/service-error';
import type { Role } from '../../schemas/api/common';
import type { Route } from './route-table';
import { defineRoute } from './route-table';

/** Curators and admins move benchmark files in and out of the workspace. */
export const TRANSFER_ROLES: readonly Role[] = ['curator', 'admin'];

const EXPORT_FILES = new Map<string, DataSource>(
  DATA_SOURCES.map((source) => [exportFileName(source), source]),
);

function download(text: string, fileName: string, contentType: string, sha256: string): Response {
  return new Response(text, {
    status: 200,
    headers: {
      'Content-Type': contentType,
      'Content-Disposition': `attachment; filename="${fileName}"`,
      ETag: `"${sha256}"`,
      'Cache-Control': 'no-store',
    },
  });
}

/**
 * Import (announce, upload with progress, poll), export (per-source JSONL and the manifest)
 * and the records scan. See the README for the protocol.
 */
export const transferRoutes: Route[] = [
  defineRoute({
    method: 'POST',
    path: '/api/imports',
    access: TRANSFER_ROLES,
    summary: 'Start an import',
    body: StartImportRequestSchema,
    async handler({ deps, body, actor }) {
      return { status: 201, body: importJobsFor(deps).start(actor(), body) };
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/imports/:id/file',
    access: TRANSFER_ROLES,
    summary: 'Upload the file of an import',
    noIdempotency: true,
    async handler({ c, deps, params, actor }) {
      const length = c.req.header('content-length');
      const job = await importJobsFor(deps).receive(
        deps.db,
        recordRoots(deps.config),
        actor(),
        params['id'] ?? '',
        c.req.raw.body,
        length === undefined || !/^\d+$/.test(length) ? null : Number(length),
      );
      // Pre-flags for what landed, in the background: the import's response does not wait.
      if (job.status === 'imported')
        preflagRunnerOf(deps).startInBackground(actor(), 'import', { onlyStale: true });
      return { status: job.status === 'refused' ? 422 : 200, body: job };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/imports/:id',
    access: TRANSFER_ROLES,
    summary: 'Read the progress of an import',
    async handler({ deps, params, actor }) {
      return { body: importJobsFor(deps).get(actor(), params['id'] ?? '') };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/export/:file',
    access: TRANSFER_ROLES,
    summary: 'Export samples or the manifest',
    query: ExportQuerySchema,
    async handler({ deps, params, query }) {
      const name = params['file'] ?? '';
      const source = EXPORT_FILES.get(name);
      if (name !== MANIFEST_FILE_NAME && source === undefined) {
        throw notFound(
          `Export file "${name}" (expected ${[...EXPORT_FILES.keys(), MANIFEST_FILE_NAME].join(', ')})`,
        );
      }
      const bundle = await buildExport(deps.db, deps.kind, query.version as FormatVersion);
      if (name === MANIFEST_FILE_NAME) {
        return download(
          bundle.manifestText,
          name,
          'application/json; charset=utf-8',
          sha256Hex(bundle.manifestText),
        );
      }
      const file = bundle.files.find((f) => f.dataSource === source);
      if (!file) throw notFound(`Samples from ${source}`);
      return download(file.text, file.file, 'application/x-ndjson; charset=utf-8', file.sha256);
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/records/scan',
    access: TRANSFER_ROLES,
    summary: 'Scan the records folder',
    noIdempotency: true,
    async handler({ deps }) {
      return { body: await scanRegisteredRecords(deps.db, recordRoots(deps.config)) };
    },
  }),
];
