import { EcgListQuerySchema } from '../../schemas/api/ecgs';
import { PutLabelRequestSchema, SaveLabelResponseSchema } from '../../schemas/api/labels';
import {
  getOwnLabel,
  getVisibleLabel,
  listVisibleLabels,
  saveOwnLabel,
} from '../services/dense-labels';
import { getEcgRecord, listEcgRecords, toEcgSummary } from '../services/ecgs';
import { LABELLERS, SIGNED_IN, etag } from './access';
import type { Route } from './route-table';
import { defineRoute } from './route-table';

/** ECG records and the dense labels on them. */
export const ecgRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/ecgs',
    access: SIGNED_IN,
    summary: 'List ECGs',
    query: EcgListQuerySchema,
    async handler({ db, query }) {
      return { body: await listEcgRecords(db, query) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/ecgs/:id',
    access: SIGNED_IN,
    summary: 'Read an ECG',
    async handler({ db, params }) {
      return { body: toEcgSummary(await getEcgRecord(db, params['id'] ?? '')) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/ecgs/:id/label',
    access: LABELLERS,
    summary: 'Read your label of an ECG',
    async handler({ db, params, actor }) {
      const result = await getOwnLabel(db, actor(), params['id'] ?? '');
      return { body: result, headers: etag(result.label?.version ?? 0) };
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/ecgs/:id/label',
    access: LABELLERS,
    summary: 'Save your label of an ECG',
    body: PutLabelRequestSchema,
    response: SaveLabelResponseSchema,
    versioned: true,
    async handler({ db, params, body, baseVersion, actor }) {
      const result = await saveOwnLabel(db, actor(), params['id'] ?? '', baseVersion, body);
      return { body: result, headers: etag(result.label?.version ?? 0) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/ecgs/:id/labels',
    access: SIGNED_IN,
    summary: 'List the labels of an ECG',
    async handler({ db, params, actor }) {
      return { body: { items: await listVisibleLabels(db, actor(), params['id'] ?? '') } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/labels/:id',
    access: SIGNED_IN,
    summary: 'Read a label',
    async handler({ db, params, actor }) {
      const label = await getVisibleLabel(db, actor(), params['id'] ?? '');
      return { body: label, headers: etag(label.version) };
    },
  }),
];
