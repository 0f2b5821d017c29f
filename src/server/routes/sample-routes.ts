import {
  CreateSampleRequestSchema,
  PutSampleRequestSchema,
  ResampleRequestSchema,
  SampleFiltersSchema,
  SampleListQuerySchema,
  SampleWriteResponseSchema,
} from '../../schemas/api/samples';
import { createNewSample } from '../services/sample-create';
import {
  fixSample,
  getSample,
  getSampleNeighbours,
  listRevisions,
  listSamples,
  resampleSample,
} from '../services/samples';
import { CURATORS, SAMPLE_WRITERS, SIGNED_IN, etag } from './access';

/** A whole benchmark sample in a body: the largest real one is 10 KB, so 1 MiB is ample. */
const SAMPLE_BODY_BYTES = 1024 * 1024;
import type { Route } from './route-table';
import { defineRoute } from './route-table';

/** Benchmark samples: read, write new ones, fix in place, re-sample, revisions. */
export const sampleRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/samples',
    access: SIGNED_IN,
    summary: 'List samples',
    query: SampleListQuerySchema,
    async handler({ db, query }) {
      return { body: await listSamples(db, query) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/samples',
    access: SAMPLE_WRITERS,
    summary: 'Write a new sample on an ECG of the workspace (it takes the next free id)',
    body: CreateSampleRequestSchema,
    response: SampleWriteResponseSchema,
    maxBodyBytes: SAMPLE_BODY_BYTES,
    async handler({ db, body, actor }) {
      const sample = await createNewSample(db, actor(), body.sample);
      return { status: 201, body: sample, headers: etag(sample.version) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/samples/:id',
    access: SIGNED_IN,
    summary: 'Read a sample',
    async handler({ db, params }) {
      const sample = await getSample(db, params['id'] ?? '');
      return { body: sample, headers: etag(sample.version) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/samples/:id/neighbours',
    access: SIGNED_IN,
    summary: 'Previous and next sample in list order, within the list filters',
    query: SampleFiltersSchema,
    async handler({ db, params, query }) {
      return { body: await getSampleNeighbours(db, params['id'] ?? '', query) };
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/samples/:id',
    access: SAMPLE_WRITERS,
    summary: 'Fix a sample in place',
    body: PutSampleRequestSchema,
    response: SampleWriteResponseSchema,
    maxBodyBytes: SAMPLE_BODY_BYTES,
    versioned: true,
    async handler({ db, params, body, baseVersion, actor }) {
      const sample = await fixSample(db, actor(), params['id'] ?? '', baseVersion, body.sample);
      return { body: sample, headers: etag(sample.version) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/samples/:id/resample',
    access: CURATORS,
    summary: 'Re-sample a sample on another ECG',
    body: ResampleRequestSchema,
    response: SampleWriteResponseSchema,
    maxBodyBytes: SAMPLE_BODY_BYTES,
    versioned: true,
    async handler({ db, params, body, baseVersion, actor }) {
      const sample = await resampleSample(
        db,
        actor(),
        params['id'] ?? '',
        baseVersion,
        body.sample,
      );
      return { body: sample, headers: etag(sample.version) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/samples/:id/revisions',
    access: SIGNED_IN,
    summary: 'List the revisions of a sample',
    async handler({ db, params }) {
      return { body: { items: await listRevisions(db, params['id'] ?? '') } };
    },
  }),
];
