import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convertSample } from '../../domain/benchmark/convert';
import { AnswerSetEvaluator } from '../../domain/evaluation/answer-set';
import { REASONING_COLUMNS, reasoningRow } from '../../domain/evaluation/official-csv';
import {
  AnswerDetailSchema,
  AnswerImportJobSchema,
  EvaluationReportSchema,
  EvaluationSamplesSchema,
  LabelReportSchema,
  DatasetDashboardSchema,
} from '../../schemas/api/evaluation';
import type { BenchmarkSampleV001 } from '../../schemas/benchmark-sample';
import type { DenseLabel } from '../../schemas/dense-label';
import type { ApiHarness, TestClient } from '../../testing/api-harness';
import { createApiHarness } from '../../testing/api-harness';
import { generateAnswers } from '../../testing/answer-generator';
import { DB_KINDS } from '../../testing/test-database';
import { createApiApp } from '../app';
import { saveOwnLabel } from '../services/dense-labels';
import { newId, nowIso } from '../storage/ids';
import { evaluationRoutes } from './evaluation-routes';

const repoRoot = path.resolve(import.meta.dirname, '../../..');
const recordsDir = path.resolve(repoRoot, '../shared/data/ecg/ptbxl');
const withRecords = new Set(
  readdirSync(path.join(recordsDir, 'records500', '00000'))
    .filter((name) => name.endsWith('_hr.hea'))
    .map((name) => String(Number(name.slice(0, 5)))),
);
const realSamples = readFileSync(
  path.resolve(repoRoot, '../shared/data/benchmark/ptbxl.jsonl'),
  'utf8',
)
  .split('\n')
  .filter((l) => l !== '')
  .map((l) => JSON.parse(l) as BenchmarkSampleV001)
  // Samples whose records are in ../shared, at most 60.
  .filter((s) => withRecords.has(s.metadata.ecg_id))
  .slice(0, 60);

const jsonl = (values: readonly unknown[]) =>
  values.map((v) => JSON.stringify(v)).join('\n') + '\n';

const normal: DenseLabel = {
  rate: 'normal',
  rhythm: 'sinus',
  axis: 'normal',
  conduction: ['none'],
  ischemia: { stage: 'none', territory: ['none'] },
  other_findings: [],
  diagnosis: 'normal ECG',
};

/** Starts, uploads and returns the finished answers import. */
async function importAnswers(client: TestClient, app: Hono, model: string, text: string) {
  const started = await client.request('POST', '/api/evaluation/imports', {
    body: { fileName: `${model}.jsonl`, model, sizeBytes: Buffer.byteLength(text) },
  });
  expect(started.status).toBe(201);
  const upload = await app.request(`/api/evaluation/imports/${started.body.id}/file`, {
    method: 'PUT',
    headers: { cookie: client.cookie!, 'content-type': 'application/x-ndjson' },
    body: text,
  });
  return { status: upload.status, job: AnswerImportJobSchema.parse(await upload.json()) };
}

describe.each(DB_KINDS)('evaluation API on %s', (kind) => {
  let h: ApiHarness;
  let app: Hono;
  let curator: TestClient;
  const samplePk = new Map<number, string>();
  const alpha = generateAnswers(realSamples, {
    seed: 3,
    rightRate: 0.8,
    mode: 'default',
    listShape: true,
    model: 'alpha',
  });
  const beta = generateAnswers(realSamples, {
    seed: 4,
    rightRate: 0.5,
    mode: 'default',
    model: 'beta',
  });
  const forced = generateAnswers(realSamples, {
    seed: 5,
    rightRate: 0.7,
    mode: 'forced-commit',
    model: 'alpha',
  });

  beforeAll(async () => {
    h = await createApiHarness(kind);
    app = h.app;
    curator = h.client('curator');
    for (const id of new Set(realSamples.map((s) => s.metadata.ecg_id))) await h.addEcg(id);
    for (const s of realSamples)
      samplePk.set(s.metadata.id, await h.addSample(convertSample(s, 'list')));
  }, 60_000);
  afterAll(async () => {
    await h.dispose();
  });

  it('lets only curators and admins reach any evaluation route', async () => {
    for (const route of evaluationRoutes) {
      const url = route.path.replace(/:[A-Za-z]+/g, '0000000000000000000000zzzz');
      const body = route.method === 'GET' ? {} : { body: {} };
      expect((await h.anonymous().request(route.method, url, body)).status, url).toBe(401);
      for (const name of ['cardiologist', 'reviewer'] as const) {
        const response = await h.client(name).request(route.method, url, body);
        expect(response.status, `${route.method} ${url} as ${name}`).toBe(403);
      }
      for (const name of ['curator', 'admin'] as const) {
        const response = await h.client(name).request(route.method, url, body);
        expect([401, 403], `${route.method} ${url} as ${name}`).not.toContain(response.status);
      }
    }
  });

  it('imports answers for two models with progress, matched by (source, id)', async () => {
    const text = jsonl(alpha.map((a) => a.value));
    const { status, job } = await importAnswers(curator, app, 'alpha', text);
    expect(status).toBe(200);
    expect(job).toMatchObject({
      status: 'imported',
      bytesReceived: Buffer.byteLength(text),
      totalBytes: Buffer.byteLength(text),
      linesRead: realSamples.length,
    });
    expect(job.report).toMatchObject({
      counts: { lines: realSamples.length, scored: realSamples.length, leftOut: 0 },
      runs: [{ mode: 'default', answers: realSamples.length }],
    });
    const polled = await curator.request('GET', `/api/evaluation/imports/${job.id}`);
    expect(polled.body.status).toBe('imported');
    // Another user does not see this job.
    expect(
      (await h.client('admin').request('GET', `/api/evaluation/imports/${job.id}`)).status,
    ).toBe(404);

    await importAnswers(curator, app, 'beta', jsonl(beta.map((a) => a.value)));
    await importAnswers(curator, app, 'alpha', jsonl(forced.map((a) => a.value)));
    const runs = await curator.request('GET', '/api/evaluation/runs');
    expect(
      runs.body.items.map((r: { model: string; mode: string; answers: number }) => [
        r.model,
        r.mode,
        r.answers,
      ]),
    ).toEqual([
      ['alpha', 'default', realSamples.length],
      ['alpha', 'forced-commit', realSamples.length],
      ['beta', 'default', realSamples.length],
    ]);
  });

  it('reports a file whose questions differ from the stored sample, an unknown sample and a broken line, and scores the rest', async () => {
    const changed = structuredClone(beta[0]!.value) as {
      data: { reasoning: { criterion_selection: { answer: string } }[] };
    };
    changed.data.reasoning[0]!.criterion_selection.answer = 'Something else';
    const unknown = structuredClone(beta[1]!.value) as { metadata: { id: number } };
    unknown.metadata.id = 999_999;
    const text =
      jsonl([changed, unknown, ...beta.slice(2).map((a) => a.value)]) + '{"metadata": \n';
    const { job } = await importAnswers(curator, app, 'beta', text);
    const problems = job.report!.problems.map((p) => [p.lineNumber, p.rule, p.sampleId]);
    expect(problems).toEqual([
      [1, 'answers.question-mismatch', realSamples[0]!.metadata.id],
      [2, 'answers.unknown-sample', 999_999],
      [realSamples.length + 1, 'jsonl.syntax', null],
    ]);
    expect(job.report!.problems[0]!.message).toContain(
      'data.reasoning[0].criterion_selection.answer: the answer file has ["Something else"]',
    );
    expect(job.report!.counts).toMatchObject({ scored: realSamples.length - 2, leftOut: 3 });
    // The re-import replaced beta's run: one run per model and protocol.
    const runs = await curator.request('GET', '/api/evaluation/runs');
    expect(runs.body.items.filter((r: { model: string }) => r.model === 'beta')).toHaveLength(1);
    expect(runs.body.items.find((r: { model: string }) => r.model === 'beta').answers).toBe(
      realSamples.length - 2,
    );
    await importAnswers(curator, app, 'beta', jsonl(beta.map((a) => a.value)));
  });

  it('refuses an upload with nothing to score and keeps the earlier run', async () => {
    const { status, job } = await importAnswers(curator, app, 'beta', '\n{"x": 1}\n');
    expect(status).toBe(422);
    expect(job.status).toBe('refused');
    expect(job.report!.problems.map((p) => p.rule)).toEqual(['jsonl.blank-line', 'answers.shape']);
    const runs = await curator.request('GET', '/api/evaluation/runs');
    expect(runs.body.items.find((r: { model: string }) => r.model === 'beta').answers).toBe(
      realSamples.length,
    );
  });

  it('reports the official figures, the same as the CLI computes from the same answers', async () => {
    const response = await curator.request('GET', '/api/evaluation/report?dataset=ptbxl');
    expect(response.status).toBe(200);
    const report = EvaluationReportSchema.parse(response.body);
    expect(report.runs.map((r) => [r.run.model, r.run.mode])).toEqual([
      ['alpha', 'default'],
      ['alpha', 'forced-commit'],
      ['beta', 'default'],
    ]);
    const evaluator = new AnswerSetEvaluator('ptbxl');
    for (const a of alpha) evaluator.addValue('alpha', a.value, { file: '', lineNumber: null });
    const pools = evaluator.poolsOf('default');
    const cells = reasoningRow('alpha', pools[0]!.pool.total);
    const expected = Object.fromEntries(
      REASONING_COLUMNS.slice(1).map((c, i) => [c, cells[i + 1]!.value]),
    );
    expect(report.runs[0]!.total).toEqual(expected);
    expect(Object.keys(report.runs[0]!.byDx).sort()).toEqual(
      [...new Set(realSamples.map((s) => s.metadata.target_dx))].sort(),
    );
    expect(report.runs[0]!.funnel[0]).toMatchObject({
      loop: 0,
      part: 'criterion',
      reached: realSamples.length,
    });
    expect(report.runs[1]!.total['bin4_total']).toBeGreaterThan(0);
    expect(report.chance['criterion_selection']).toBe(0.2);
  });

  it('lists the samples behind a stage bar and opens one with its replies', async () => {
    const report = EvaluationReportSchema.parse(
      (await curator.request('GET', '/api/evaluation/report')).body,
    );
    const betaRun = report.runs.find((r) => r.run.model === 'beta' && r.run.mode === 'default')!;
    const response = await curator.request(
      'GET',
      `/api/evaluation/samples?run=${betaRun.run.id}&figure=stage&stage=wave_grounding&outcome=wrong`,
    );
    const list = EvaluationSamplesSchema.parse(response.body);
    expect(list.total).toBeGreaterThan(0);
    // Every listed sample has a wrong wave step; the count is of samples, not of steps.
    expect(
      list.items.every(
        (i) => i.steps.length > 0 && i.steps.every((s) => s.stage === 'wave_grounding'),
      ),
    ).toBe(true);
    const wrongSteps = list.items.reduce((n, i) => n + i.steps.length, 0);
    expect(wrongSteps).toBe(
      betaRun.total['wave_grounding_total_w_gt']! - betaRun.total['wave_grounding_correct_w_gt']!,
    );

    const first = list.items[0]!;
    const detail = AnswerDetailSchema.parse(
      (
        await curator.request(
          'GET',
          `/api/evaluation/runs/${betaRun.run.id}/answers/${first.samplePk}`,
        )
      ).body,
    );
    expect(detail.stale).toBe(false);
    expect(detail.sample.metadata.id).toBe(first.sampleId);
    const step = first.steps[0]!;
    const reply = detail.replies.loops[step.loop]!.grounding[step.item!]!;
    const generated = beta.find(
      (a) => (a.value['metadata'] as { id: number }).id === first.sampleId,
    )!;
    const raw = (
      generated.value['data'] as { reasoning: { ecg_grounding: { model_response: string }[] }[] }
    ).reasoning[step.loop]!.ecg_grounding[step.item!]!.model_response;
    expect(reply).toBe(raw);
    expect(detail.steps.find((s) => s.loop === step.loop && s.item === step.item)!.correct).toBe(
      false,
    );

    const bins = await curator.request(
      'GET',
      `/api/evaluation/samples?run=${report.runs[1]!.run.id}&figure=bin&bin=4&outcome=right`,
    );
    expect(bins.body.total).toBe(report.runs[1]!.total['bin4_correct']);
    expect((await curator.request('GET', '/api/evaluation/samples?figure=stage')).status).toBe(400);
  });

  it('imports predicted labels and scores them per axis against the submitted labels, beside the measurements-only reference', async () => {
    const ecgIds = [...new Set(realSamples.map((s) => s.metadata.ecg_id))].slice(0, 8);
    const ecgRows = await h.database.storage.db
      .selectFrom('ecg_records')
      .select(['id', 'ecg_id'])
      .execute();
    const cardiologist = {
      id: h.userIds.cardiologist,
      username: 'cardiologist',
      role: 'cardiologist' as const,
    };
    for (const [i, ecgId] of ecgIds.entries()) {
      const row = ecgRows.find((r) => r.ecg_id === ecgId)!;
      const label = i % 2 === 0 ? normal : { ...normal, rate: 'bradycardia' as const };
      await saveOwnLabel(h.database.storage.db, cardiologist, row.id, 0, {
        status: 'submitted',
        content: label,
      });
    }
    const predicted = ecgIds.map((ecgId) => ({
      data_source: 'ptbxl',
      ecg_id: ecgId,
      label: normal,
    }));
    const upload = await app.request('/api/evaluation/label-predictions?name=all-normal', {
      method: 'PUT',
      headers: { cookie: curator.cookie! },
      body: jsonl([...predicted, { data_source: 'ptbxl', ecg_id: '77777', label: normal }]),
    });
    expect(upload.status).toBe(201);
    const predictor = (await upload.json()) as {
      id: string;
      predictions: number;
      problems: string[];
    };
    expect(predictor.predictions).toBe(8);
    expect(predictor.problems).toEqual(['ptbxl/77777: the workspace has no such ECG; left out']);
    const report = LabelReportSchema.parse(
      (await curator.request('GET', `/api/evaluation/label-report?predictor=${predictor.id}`)).body,
    );
    const rate = report.axes.find((a) => a.axis === 'rate')!;
    expect(report.scored).toBe(8);
    expect(rate).toMatchObject({ group: 'measurement', accuracy: 0.5, majorityAccuracy: 0.5 });
    expect(rate.confusion).toEqual([
      [0, 4],
      [0, 4],
    ]);

    // The reference needs the records: an app over the same database with RECORDS_DIR set.
    const withRecordsApp = createApiApp({
      db: h.database.storage.db,
      kind,
      config: { ...h.config, recordsDir },
    }).app;
    const reference = await withRecordsApp.request('/api/evaluation/label-predictions/reference', {
      method: 'POST',
      headers: { cookie: curator.cookie! },
    });
    expect(reference.status).toBe(201);
    const ref = (await reference.json()) as { id: string; name: string; predictions: number };
    expect(ref).toMatchObject({ name: 'measurements only', predictions: 8, problems: [] });
    const refReport = LabelReportSchema.parse(
      (await curator.request('GET', `/api/evaluation/label-report?predictor=${ref.id}`)).body,
    );
    // Majority elsewhere: rhythm is the truth's majority (sinus) for every ECG.
    expect(refReport.axes.find((a) => a.axis === 'rhythm')!.accuracy).toBe(1);
    const list = await curator.request('GET', '/api/evaluation/label-predictors');
    expect(list.body.items.map((p: { name: string; kind: string }) => [p.name, p.kind])).toEqual([
      ['all-normal', 'imported'],
      ['measurements only', 'reference'],
    ]);
  });

  it('shows the dataset dashboard: cells against the target, labels, review progress and agreement', async () => {
    const db = h.database.storage.db;
    const passId = newId();
    const now = nowIso();
    await db
      .insertInto('review_passes')
      .values({
        id: passId,
        name: 'p',
        description: '',
        filter: '{}',
        status: 'open',
        created_by: h.userIds.curator,
        version: 1,
        created_at: now,
        updated_at: now,
        mode: 'single',
        selection: 'filter',
        closed_at: null,
        closed_by: null,
      })
      .execute();
    const pk = samplePk.get(realSamples[0]!.metadata.id)!;
    for (const [reviewer, verdict] of [
      ['reviewer', 'pass'],
      ['reviewer2', 'flag'],
    ] as const) {
      await db
        .insertInto('review_verdicts')
        .values({
          id: newId(),
          pass_id: passId,
          sample_pk: pk,
          reviewer_id: h.userIds[reviewer],
          verdict,
          reason: verdict === 'flag' ? 'wording' : null,
          comment: '',
          steps: '[]',
          version: 1,
          created_at: now,
          updated_at: now,
        })
        .execute();
    }
    const dashboard = DatasetDashboardSchema.parse(
      (await curator.request('GET', '/api/evaluation/dataset')).body,
    );
    expect(dashboard.cells.reduce((n, c) => n + c.count, 0)).toBe(realSamples.length);
    expect(dashboard.cells.every((c) => c.target > 0 && c.target <= 100)).toBe(true);
    expect(dashboard.labels.submitted).toBe(8);
    expect(dashboard.labels.axes.find((a) => a.axis === 'rate')!.majorityShare).toBe(0.5);
    expect(dashboard.review.progress).toEqual([
      {
        day: now.slice(0, 10),
        verdicts: 2,
        cumulative: 2,
        samples: [{ id: pk, sampleId: realSamples[0]!.metadata.id }],
      },
    ]);
    const rateValues = dashboard.labels.axes.find((a) => a.axis === 'rate')!.counts;
    expect(rateValues.flatMap((c) => c.ecgs)).toHaveLength(8);
    expect(dashboard.review.agreement).toMatchObject({ pairs: 1, agreeing: 0, percent: 0 });
  });

  it('removes a run', async () => {
    const runs = (await curator.request('GET', '/api/evaluation/runs')).body.items as {
      id: string;
      model: string;
    }[];
    const beta = runs.find((r) => r.model === 'beta')!;
    expect((await curator.request('DELETE', `/api/evaluation/runs/${beta.id}`)).status).toBe(200);
    expect((await curator.request('GET', '/api/evaluation/runs')).body.items).toHaveLength(
      runs.length - 1,
    );
    expect((await curator.request('DELETE', `/api/evaluation/runs/${beta.id}`)).status).toBe(404);
  });
});
