import { ExportQuerySchema, StartImportRequestSchema } from '../../schemas/api/transfer';
import type { DataSource } from '../../schemas/benchmark-sample';
import { DATA_SOURCES } from '../../schemas/benchmark-sample';
import { MANIFEST_FILE_NAME, exportFileName, manifestText, sha256Hex } from '../services/export';
import { exportManifest, openExportDownload } from '../services/export-downloads';
import { MAX_UPLOAD_BYTES } from '../services/import-jobs';
import { recordRoots, scanRegisteredRecords } from '../services/records';
import { ServiceError, notFound } from '../services/service-error';
import { REPLACE_IMPORTERS } from './access';
import type { Role } from '../../schemas/api/common';
import type { Route } from './route-table';
import { defineRoute } from './route-table';

/** Curators and admins move benchmark files in and out of the workspace. */
export const TRANSFER_ROLES: readonly Role[] = ['curator', 'admin'];

const EXPORT_FILES = new Map<string, DataSource>(
  DATA_SOURCES.map((source) => [exportFileName(source), source]),
);

function download(
  body: string | ReadableStream<Uint8Array> | null,
  file: { name: string; contentType: string; sha256: string; bytes: number },
): Response {
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.name}"`,
      // Known before the first byte (the first pass measured it): a cut-short download shows.
      'Content-Length': String(file.bytes),
      ETag: `"${file.sha256}"`,
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
    summary: 'Start an import (with replace: curators only)',
    body: StartImportRequestSchema,
    async handler({ deps, body, actor }) {
      const user = actor();
      if (body.replace && !REPLACE_IMPORTERS.includes(user.role)) {
        throw new ServiceError(
          'forbidden',
          `A ${user.role} may not import with replace: it changes existing samples, which only ${REPLACE_IMPORTERS.join(' and ')}s do. Import without replace, or ask a curator.`,
        );
      }
      return { status: 201, body: await deps.imports.start(user, body) };
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/imports/:id/file',
    access: TRANSFER_ROLES,
    summary: 'Upload the file of an import',
    noIdempotency: true,
    // Streamed into the import as it arrives; import-jobs counts the bytes against this limit.
    maxBodyBytes: MAX_UPLOAD_BYTES,
    streamedBody: true,
    async handler({ c, deps, params, actor }) {
      const length = c.req.header('content-length');
      const job = await deps.imports.receive(
        recordRoots(deps.config),
        actor(),
        params['id'] ?? '',
        c.req.raw.body,
        length === undefined || !/^\d+$/.test(length) ? null : Number(length),
      );
      return { status: job.status === 'refused' ? 422 : 200, body: job };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/imports/:id',
    access: TRANSFER_ROLES,
    summary: 'Read the progress of an import',
    async handler({ deps, params, actor }) {
      return { body: await deps.imports.get(actor(), params['id'] ?? '') };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/export/:file',
    access: TRANSFER_ROLES,
    summary: 'Export samples or the manifest',
    query: ExportQuerySchema,
    async handler({ c, deps, params, query }) {
      const name = params['file'] ?? '';
      const source = EXPORT_FILES.get(name);
      if (name !== MANIFEST_FILE_NAME && source === undefined) {
        throw notFound(
          `Export file "${name}" (expected ${[...EXPORT_FILES.keys(), MANIFEST_FILE_NAME].join(', ')})`,
        );
      }
      const options = { shape: query.shape };
      if (source === undefined) {
        const text = manifestText(await exportManifest(deps.db, deps.kind, options));
        return download(text, {
          name,
          contentType: 'application/json; charset=utf-8',
          sha256: sha256Hex(text),
          bytes: Buffer.byteLength(text),
        });
      }
      const file = await openExportDownload(deps.db, deps.kind, source, options);
      if (!file) throw notFound(`Samples from ${source}`);
      const headOnly = c.req.method === 'HEAD';
      // HEAD: the headers only; the stream (and its snapshot) ends here.
      if (headOnly) await file.body.cancel();
      return download(headOnly ? null : file.body, {
        name: file.entry.file,
        contentType: 'application/x-ndjson; charset=utf-8',
        sha256: file.entry.sha256,
        bytes: file.entry.bytes,
      });
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
