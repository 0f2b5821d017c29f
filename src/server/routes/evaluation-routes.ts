import { jsonlEntryBatches } from '../../domain/jsonl/source-entry';
import type { Role } from '../../schemas/api/common';
import {
  EvaluationReportQuerySchema,
  EvaluationSamplesQuerySchema,
  LabelImportQuerySchema,
  LabelReportQuerySchema,
  StartAnswerImportRequestSchema,
} from '../../schemas/api/evaluation';
import {
  MAX_ANSWER_UPLOAD_BYTES,
  answerImportJobsFor,
} from '../services/evaluation/answer-import-jobs';
import { answerDetail } from '../services/evaluation/answer-detail';
import { datasetDashboard } from '../services/evaluation/dataset-dashboard';
import {
  computeReferencePredictor,
  importLabelPredictions,
  listPredictors,
  predictorReport,
} from '../services/evaluation/label-predictions';
import { evaluationReport, samplesBehind } from '../services/evaluation/report';
import { deleteRun, listRuns } from '../services/evaluation/runs';
import { recordRoots } from '../services/records';
import { ServiceError } from '../services/service-error';
import type { Route } from './route-table';
import { defineRoute } from './route-table';

/**
 * Curators and admins evaluate. Reviewers and cardiologists are kept out on purpose: a model's
 * answers and scores beside a sample would anchor a reviewer's verdict or a labeller's label,
 * which must stay blind; evaluation is read after review and labelling, by those who release.
 */
export const EVALUATION_ROLES: readonly Role[] = ['curator', 'admin'];

/** The largest label JSONL a predictor import takes (bytes). */
export const MAX_LABEL_UPLOAD_BYTES = 64 * 1024 * 1024;

async function* bounded(
  body: ReadableStream<Uint8Array>,
  limit: number,
): AsyncGenerator<Uint8Array> {
  const reader = body.getReader();
  let bytes = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      bytes += value.byteLength;
      if (bytes > limit)
        throw new ServiceError(
          'invalid',
          `The file is larger than ${limit} bytes; nothing was imported.`,
        );
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}

const contentLength = (header: string | undefined) =>
  header === undefined || !/^\d+$/.test(header) ? null : Number(header);

/** Model answer imports, runs, reports, drill-down, label predictors and the dataset dashboard. */
export const evaluationRoutes: Route[] = [
  defineRoute({
    method: 'POST',
    path: '/api/evaluation/imports',
    access: EVALUATION_ROLES,
    summary: 'Start an answers import',
    body: StartAnswerImportRequestSchema,
    async handler({ deps, body, actor }) {
      return { status: 201, body: answerImportJobsFor(deps).start(actor(), body) };
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/evaluation/imports/:id/file',
    access: EVALUATION_ROLES,
    summary: 'Upload the answers of an import',
    noIdempotency: true,
    // Streamed into the import as it arrives; the job counts the bytes against this limit.
    maxBodyBytes: MAX_ANSWER_UPLOAD_BYTES,
    streamedBody: true,
    async handler({ c, deps, params, actor }) {
      const job = await answerImportJobsFor(deps).receive(
        deps.db,
        actor(),
        params['id'] ?? '',
        c.req.raw.body,
        contentLength(c.req.header('content-length')),
      );
      return { status: job.status === 'refused' ? 422 : 200, body: job };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/evaluation/imports/:id',
    access: EVALUATION_ROLES,
    summary: 'Read the progress of an answers import',
    async handler({ deps, params, actor }) {
      return { body: answerImportJobsFor(deps).get(actor(), params['id'] ?? '') };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/evaluation/runs',
    access: EVALUATION_ROLES,
    summary: 'List model runs',
    async handler({ db }) {
      return { body: { items: await listRuns(db) } };
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/evaluation/runs/:id',
    access: EVALUATION_ROLES,
    summary: 'Remove a model run',
    async handler({ db, params, actor }) {
      const id = params['id'] ?? '';
      await deleteRun(db, actor(), id);
      return { body: { deleted: id } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/evaluation/report',
    access: EVALUATION_ROLES,
    summary: 'Read the evaluation report',
    query: EvaluationReportQuerySchema,
    async handler({ db, query }) {
      return { body: await evaluationReport(db, query.dataset) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/evaluation/samples',
    access: EVALUATION_ROLES,
    summary: 'List the samples behind a figure',
    query: EvaluationSamplesQuerySchema,
    async handler({ db, query }) {
      return { body: await samplesBehind(db, query) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/evaluation/runs/:runId/answers/:samplePk',
    access: EVALUATION_ROLES,
    summary: "Read a model's answer to a sample",
    async handler({ db, params }) {
      return { body: await answerDetail(db, params['runId'] ?? '', params['samplePk'] ?? '') };
    },
  }),
  defineRoute({
    method: 'PUT',
    path: '/api/evaluation/label-predictions',
    access: EVALUATION_ROLES,
    summary: 'Import predicted dense labels',
    query: LabelImportQuerySchema,
    noIdempotency: true,
    maxBodyBytes: MAX_LABEL_UPLOAD_BYTES,
    streamedBody: true,
    async handler({ c, db, query, actor }) {
      const body = c.req.raw.body;
      if (!body) throw new ServiceError('invalid', 'Send the label JSONL as the request body.');
      const length = contentLength(c.req.header('content-length'));
      if (length !== null && length > MAX_LABEL_UPLOAD_BYTES)
        throw new ServiceError(
          'invalid',
          `The file is ${length} bytes; a label import takes at most ${MAX_LABEL_UPLOAD_BYTES}.`,
        );
      const batches = jsonlEntryBatches(query.name, bounded(body, MAX_LABEL_UPLOAD_BYTES));
      return { status: 201, body: await importLabelPredictions(db, actor(), query.name, batches) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/evaluation/label-predictions/reference',
    access: EVALUATION_ROLES,
    summary: 'Compute the measurements-only reference predictor',
    noIdempotency: true,
    async handler({ deps, db, actor }) {
      return {
        status: 201,
        body: await computeReferencePredictor(db, recordRoots(deps.config), actor()),
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/evaluation/label-predictors',
    access: EVALUATION_ROLES,
    summary: 'List label predictors',
    async handler({ db }) {
      return { body: { items: await listPredictors(db) } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/evaluation/label-report',
    access: EVALUATION_ROLES,
    summary: 'Read the per-axis label report',
    query: LabelReportQuerySchema,
    async handler({ db, query }) {
      return { body: await predictorReport(db, query.predictor) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/evaluation/dataset',
    access: EVALUATION_ROLES,
    summary: 'Read the dataset dashboard',
    async handler({ db }) {
      return { body: await datasetDashboard(db) };
    },
  }),
];
