import { AuditQuerySchema } from '../../schemas/api/audit';
import {
  CreateReleaseRequestSchema,
  ReleaseExportQuerySchema,
  UpdateReleaseNotesRequestSchema,
} from '../../schemas/api/releases';
import { listAudit } from '../services/audit';
import { diffSnapshots } from '../services/release-changes';
import { openReleaseExport } from '../services/release-export';
import {
  cutRelease,
  getRelease,
  listReleases,
  publishRelease,
  updateReleaseNotes,
} from '../services/releases';
import { ServiceError } from '../services/service-error';
import { AUDITORS, RELEASE_MANAGERS, SIGNED_IN, etag } from './access';
import type { Route } from './route-table';
import { defineRoute } from './route-table';

/** Releases (cut, notes, publish, diff, export) and the audit log they are made from. */
export const releaseRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/releases',
    access: SIGNED_IN,
    summary: 'List releases',
    async handler({ db, user }) {
      return {
        body: {
          items: await listReleases(db),
          canManage: user !== null && RELEASE_MANAGERS.includes(user.role),
        },
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/releases',
    access: RELEASE_MANAGERS,
    summary: 'Cut a release',
    body: CreateReleaseRequestSchema,
    async handler({ db, body, actor }) {
      const release = await cutRelease(db, actor(), body);
      return { status: 201, body: release, headers: etag(release.version) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/releases/:id',
    access: SIGNED_IN,
    summary: 'Read a release',
    async handler({ db, params }) {
      const release = await getRelease(db, params['id'] ?? '');
      return { body: release, headers: etag(release.version) };
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/releases/:id/notes',
    access: RELEASE_MANAGERS,
    summary: 'Edit the notes of a draft release',
    body: UpdateReleaseNotesRequestSchema,
    versioned: true,
    async handler({ db, params, body, baseVersion, actor }) {
      const release = await updateReleaseNotes(
        db,
        actor(),
        params['id'] ?? '',
        baseVersion,
        body.notes,
      );
      return { body: release, headers: etag(release.version) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/releases/:id/publish',
    access: RELEASE_MANAGERS,
    summary: 'Publish a release',
    versioned: true,
    async handler({ db, params, baseVersion, actor }) {
      const release = await publishRelease(db, actor(), params['id'] ?? '', baseVersion);
      return { body: release, headers: etag(release.version) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/releases/:from/diff/:to',
    access: SIGNED_IN,
    summary: 'Compare two releases',
    async handler({ db, params }) {
      const from = await getRelease(db, params['from'] ?? '');
      const to = await getRelease(db, params['to'] ?? '');
      for (const release of [from, to]) {
        if (!release.snapshot) {
          throw new ServiceError(
            'conflict',
            `Release "${release.name}" was cut before releases kept snapshots; it cannot be compared.`,
            { code: 'release_without_snapshot' },
          );
        }
      }
      const diff = await diffSnapshots(db, from.id, to.id);
      return {
        body: { from: { id: from.id, name: from.name }, to: { id: to.id, name: to.name }, ...diff },
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/releases/:id/export/:file',
    access: SIGNED_IN,
    summary: 'Export a release',
    query: ReleaseExportQuerySchema,
    async handler({ db, params, query }) {
      const download = await openReleaseExport(
        db,
        params['id'] ?? '',
        params['file'] ?? '',
        query.shape,
      );
      return new Response(download.body, {
        status: 200,
        headers: {
          'Content-Type': download.contentType,
          'Content-Length': String(download.bytes),
          'Content-Disposition': `attachment; filename="${download.fileName}"`,
          ETag: `"${download.sha256}"`,
          'Cache-Control': 'no-store',
        },
      });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/audit',
    access: AUDITORS,
    summary: 'Read the audit log',
    query: AuditQuerySchema,
    async handler({ db, query, actor }) {
      return { body: await listAudit(db, actor(), query) };
    },
  }),
];
