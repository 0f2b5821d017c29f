import {
  CreateReviewPassRequestSchema,
  FlagListQuerySchema,
  PutVerdictRequestSchema,
  ResolveFlagRequestSchema,
} from '../../schemas/api/review';
import {
  createReviewPass,
  getOwnVerdict,
  getReviewPass,
  listFlags,
  listReviewPasses,
  listVerdicts,
  resolveFlag,
  saveVerdict,
} from '../services/reviews';
import { CURATORS, REVIEWERS, REVIEW_READERS, etag } from './access';
import type { Route } from './route-table';
import { defineRoute } from './route-table';

/** Review passes, verdicts and flags. */
export const reviewRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/review-passes',
    access: REVIEW_READERS,
    summary: 'List review passes',
    async handler({ db }) {
      return { body: { items: await listReviewPasses(db) } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/review-passes',
    access: CURATORS,
    summary: 'Create a review pass',
    body: CreateReviewPassRequestSchema,
    async handler({ db, body, actor }) {
      const pass = await createReviewPass(db, actor(), body);
      return { status: 201, body: pass, headers: etag(pass.version) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/review-passes/:passId',
    access: REVIEW_READERS,
    summary: 'Read a review pass',
    async handler({ db, params }) {
      return { body: await getReviewPass(db, params['passId'] ?? '') };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/review-passes/:passId/verdicts',
    access: REVIEW_READERS,
    summary: 'List verdicts of a review pass',
    async handler({ db, params, actor }) {
      return { body: { items: await listVerdicts(db, actor(), params['passId'] ?? '') } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/review-passes/:passId/samples/:sampleId/verdict',
    access: REVIEWERS,
    summary: 'Read your verdict on a sample',
    async handler({ db, params, actor }) {
      const result = await getOwnVerdict(
        db,
        actor(),
        params['passId'] ?? '',
        params['sampleId'] ?? '',
      );
      return { body: result, headers: etag(result.verdict?.version ?? 0) };
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/review-passes/:passId/samples/:sampleId/verdict',
    access: REVIEWERS,
    summary: 'Record a verdict on a sample',
    body: PutVerdictRequestSchema,
    versioned: true,
    async handler({ db, params, body, baseVersion, actor }) {
      const result = await saveVerdict(
        db,
        actor(),
        params['passId'] ?? '',
        params['sampleId'] ?? '',
        baseVersion,
        body,
      );
      return { body: result, headers: etag(result.verdict.version) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/flags',
    access: REVIEW_READERS,
    summary: 'List flags (a reviewer: their own)',
    query: FlagListQuerySchema,
    async handler({ db, query, actor }) {
      return { body: { items: await listFlags(db, actor(), query) } };
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/flags/:id',
    access: CURATORS,
    summary: 'Resolve a flag',
    body: ResolveFlagRequestSchema,
    versioned: true,
    async handler({ db, params, body, baseVersion, actor }) {
      const flag = await resolveFlag(db, actor(), params['id'] ?? '', baseVersion, body.resolution);
      return { body: flag, headers: etag(flag.version) };
    },
  }),
];
