import {
  FlagListQuerySchema,
  PutVerdictRequestSchema,
  ResolveFlagRequestSchema,
} from '../../schemas/api/review';
import {
  getOwnVerdict,
  listFlags,
  listVerdicts,
  resolveFlag,
  saveVerdict,
} from '../services/reviews';
import { CURATORS, REVIEWERS, REVIEW_READERS, etag } from './access';
import { reviewPassRoutes } from './review-pass-routes';
import type { Route } from './route-table';
import { defineRoute } from './route-table';

/** Review passes (see review-pass-routes), verdicts and flags. */
export const reviewRoutes: Route[] = [
  ...reviewPassRoutes,
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
    summary: 'Resolve a flag (a dismissal with its reason)',
    body: ResolveFlagRequestSchema,
    versioned: true,
    async handler({ db, params, body, baseVersion, actor }) {
      const flag = await resolveFlag(
        db,
        actor(),
        params['id'] ?? '',
        baseVersion,
        body.resolution,
        body.note ?? null,
      );
      return { body: flag, headers: etag(flag.version) };
    },
  }),
];
