import { AuditQuerySchema } from '../../schemas/api/audit';
import { CreateReleaseRequestSchema } from '../../schemas/api/releases';
import { listAudit } from '../services/audit';
import { createRelease, listReleases } from '../services/releases';
import { AUDITORS, CURATORS, SIGNED_IN } from './access';
import type { Route } from './route-table';
import { defineRoute } from './route-table';

/** Releases and the audit log they are made from. */
export const releaseRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/releases',
    access: SIGNED_IN,
    summary: 'List releases',
    async handler({ db }) {
      return { body: { items: await listReleases(db) } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/releases',
    access: CURATORS,
    summary: 'Cut a release',
    body: CreateReleaseRequestSchema,
    async handler({ db, body, actor }) {
      return { status: 201, body: await createRelease(db, actor(), body) };
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
