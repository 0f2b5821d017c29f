import { agreementCsv } from '../../domain/review/agreement-csv';
import {
  CreateReviewPassRequestSchema,
  SetPassReviewersRequestSchema,
} from '../../schemas/api/review';
import { AgreementQuerySchema } from '../../schemas/api/review-agreement';
import { ReviewQueueQuerySchema } from '../../schemas/api/review-queue';
import {
  closeReviewPass,
  createReviewPass,
  getReviewPass,
  listAssignableReviewers,
  listReviewPasses,
  setPassReviewers,
} from '../services/review-passes';
import { getPassProgress, getReviewQueue } from '../services/review-queue';
import { exportPassResults, getPassAgreement, toJsonl } from '../services/review-results';
import { CURATORS, PASS_OVERSEERS, REVIEW_READERS, etag } from './access';
import type { Route } from './route-table';
import { defineRoute } from './route-table';

/** A file name part from a pass name: letters, digits, dot, dash, underscore. */
function fileNamePart(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || 'pass';
}

/** Review passes: make, assign, close; queues and progress; agreement and results. */
export const reviewPassRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/review-passes',
    access: REVIEW_READERS,
    summary: 'List review passes',
    async handler({ db, actor }) {
      return { body: { items: await listReviewPasses(db, actor()) } };
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
    path: '/api/reviewers',
    access: PASS_OVERSEERS,
    summary: 'List reviewers to assign',
    async handler({ db }) {
      return { body: { items: await listAssignableReviewers(db) } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/review-passes/:passId',
    access: REVIEW_READERS,
    summary: 'Read a review pass',
    async handler({ db, params, actor }) {
      const pass = await getReviewPass(db, actor(), params['passId'] ?? '');
      return { body: pass, headers: etag(pass.version) };
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/review-passes/:passId/reviewers',
    access: CURATORS,
    summary: 'Assign the reviewers of a review pass',
    body: SetPassReviewersRequestSchema,
    versioned: true,
    async handler({ db, params, body, baseVersion, actor }) {
      const pass = await setPassReviewers(
        db,
        actor(),
        params['passId'] ?? '',
        baseVersion,
        body.reviewerIds,
      );
      return { body: pass, headers: etag(pass.version) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/review-passes/:passId/close',
    access: CURATORS,
    summary: 'Close a review pass',
    versioned: true,
    async handler({ db, params, baseVersion, actor }) {
      const pass = await closeReviewPass(db, actor(), params['passId'] ?? '', baseVersion);
      return { body: pass, headers: etag(pass.version) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/review-passes/:passId/queue',
    access: REVIEW_READERS,
    summary: 'Read a review queue',
    query: ReviewQueueQuerySchema,
    async handler({ db, params, query, actor }) {
      return { body: await getReviewQueue(db, actor(), params['passId'] ?? '', query) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/review-passes/:passId/progress',
    access: REVIEW_READERS,
    summary: 'Read the progress of a review pass',
    async handler({ db, params, actor }) {
      return { body: await getPassProgress(db, actor(), params['passId'] ?? '') };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/review-passes/:passId/agreement',
    access: PASS_OVERSEERS,
    summary: 'Read reviewer agreement in a review pass',
    query: AgreementQuerySchema,
    async handler({ c, db, params, query }) {
      const report = await getPassAgreement(db, params['passId'] ?? '');
      if (query.format === 'json') return { body: report };
      const names = new Map(
        report.byPair.map((pair) => [
          pair.key,
          pair.reviewers.map((reviewer) => reviewer.username).join(' | '),
        ]),
      );
      const csv = agreementCsv(report, (group) => names.get(group.key) ?? group.key);
      return c.body(csv, 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="agreement-${report.passId}.csv"`,
      });
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/review-passes/:passId/export',
    access: PASS_OVERSEERS,
    summary: 'Export the verdicts of a review pass',
    async handler({ c, db, params, actor }) {
      const pass = await getReviewPass(db, actor(), params['passId'] ?? '');
      const text = toJsonl(await exportPassResults(db, pass.id));
      return c.body(text, 200, {
        'content-type': 'application/x-ndjson; charset=utf-8',
        'content-disposition': `attachment; filename="review-${fileNamePart(pass.name)}.jsonl"`,
      });
    },
  }),
];
