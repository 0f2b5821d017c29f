/**
 * The evaluation report from stored scores: each run's official row in total and per
 * diagnosis, its completion funnel, and the samples behind any figure.
 */
import { completionFunnel, firstError } from '../../../domain/evaluation/funnel';
import type { ForcedCommitScore } from '../../../domain/evaluation/forced-commit';
import { forcedCommitPool, reasoningPool } from '../../../domain/evaluation/metrics';
import type { FrameCell } from '../../../domain/evaluation/py-float';
import {
  FORCED_COMMIT_COLUMNS,
  REASONING_COLUMNS,
  forcedCommitRow,
  reasoningRow,
} from '../../../domain/evaluation/official-csv';
import type { SampleScore } from '../../../domain/evaluation/score-sample';
import { CHANCE_LEVEL, YES_NO_CHANCE } from '../../../domain/evaluation/stages';
import type {
  EvaluationReport,
  EvaluationSamples,
  EvaluationSamplesQuery,
  MetricRow,
  ModelRun,
  RunReport,
} from '../../../schemas/api/evaluation';
import type { DataSource } from '../../../schemas/benchmark-sample';
import type { Db } from '../../storage/database';
import { getRun, listRuns } from './runs';

/** One stored answer as the report reads it. */
interface StoredAnswer {
  readonly samplePk: string;
  readonly sampleId: number;
  readonly dataSource: DataSource;
  readonly targetDx: string;
  readonly dxLabel: boolean;
  readonly stale: boolean;
  readonly score: SampleScore | ForcedCommitScore;
}

async function storedAnswers(
  db: Db,
  runId: string,
  filter: { dataset?: DataSource; dx?: string },
): Promise<StoredAnswer[]> {
  let query = db
    .selectFrom('model_answers')
    .innerJoin('samples', 'samples.id', 'model_answers.sample_pk')
    .select([
      'model_answers.sample_pk',
      'model_answers.sample_id',
      'model_answers.data_source',
      'model_answers.target_dx',
      'model_answers.sample_version',
      'model_answers.score',
      'samples.dx_label',
      'samples.version',
    ])
    .where('model_answers.run_id', '=', runId);
  if (filter.dataset) query = query.where('model_answers.data_source', '=', filter.dataset);
  if (filter.dx) query = query.where('model_answers.target_dx', '=', filter.dx);
  const rows = await query
    .orderBy('model_answers.data_source')
    .orderBy('model_answers.sample_id')
    .execute();
  return rows.map((r) => ({
    samplePk: r.sample_pk,
    sampleId: r.sample_id,
    dataSource: r.data_source as DataSource,
    targetDx: r.target_dx,
    dxLabel: r.dx_label === 1,
    stale: r.version !== r.sample_version,
    score: JSON.parse(r.score) as SampleScore | ForcedCommitScore,
  }));
}

function toRecord(columns: readonly string[], cells: readonly FrameCell[]): MetricRow {
  const out: MetricRow = {};
  cells.forEach((cell, i) => {
    if (cell.kind !== 'text') out[columns[i]!] = cell.value;
  });
  return out;
}

function runReport(run: ModelRun, answers: readonly StoredAnswer[]): RunReport {
  const stale = answers.filter((a) => a.stale).length;
  if (run.mode === 'forced-commit') {
    const pool = forcedCommitPool();
    for (const a of answers) pool.addScore(a.targetDx, a.score as ForcedCommitScore);
    const row = (counts: typeof pool.total) =>
      toRecord(FORCED_COMMIT_COLUMNS, forcedCommitRow(run.model, counts));
    return {
      run,
      total: row(pool.total),
      byDx: Object.fromEntries([...pool.byDx].sort().map(([dx, c]) => [dx, row(c)])),
      funnel: [],
      stale,
    };
  }
  const pool = reasoningPool();
  for (const a of answers) pool.addScore(a.targetDx, a.score as SampleScore);
  const row = (counts: typeof pool.total) =>
    toRecord(REASONING_COLUMNS, reasoningRow(run.model, counts));
  return {
    run,
    total: row(pool.total),
    byDx: Object.fromEntries([...pool.byDx].sort().map(([dx, c]) => [dx, row(c)])),
    funnel: completionFunnel(answers.map((a) => a.score as SampleScore)),
    stale,
  };
}

/** Every run's figures on one dataset (runs without answers there are left out). */
export async function evaluationReport(db: Db, dataset: DataSource): Promise<EvaluationReport> {
  const reports: RunReport[] = [];
  for (const run of await listRuns(db)) {
    const answers = await storedAnswers(db, run.id, { dataset });
    if (answers.length > 0) reports.push(runReport(run, answers));
  }
  return {
    dataset,
    runs: reports,
    chance: { ...CHANCE_LEVEL, idq: YES_NO_CHANCE, forced_commit: YES_NO_CHANCE },
  };
}

type Step = EvaluationSamples['items'][number]['steps'][number];

/** The steps behind the figure for one answer, or null when the answer is not behind it. */
function behind(a: StoredAnswer, q: EvaluationSamplesQuery, mode: ModelRun['mode']): Step[] | null {
  const wantWrong = q.outcome === 'wrong';
  const pick = (correct: boolean | null | undefined, steps: Step[] = []) =>
    correct === null || correct === undefined || correct === wantWrong ? null : steps;
  if (mode === 'forced-commit') {
    const s = a.score as ForcedCommitScore;
    if (q.figure === 'idq') return pick(s.idqCorrect);
    if (q.figure !== 'bin') return null;
    const points = s.points.filter((p) => p.bin === (q.bin ?? 1) - 1 && p.correct !== wantWrong);
    return points.length > 0
      ? points.map((p) => ({ loop: p.loop, stage: 'diagnostic_decision', item: null }))
      : null;
  }
  const s = a.score as SampleScore;
  switch (q.figure) {
    case 'idq':
      return pick(s.idqCorrect);
    case 'gt_rda': {
      const last = s.steps[s.steps.length - 1];
      return pick(s.gtRdaCorrect, last ? [{ loop: last.loop, stage: last.stage, item: null }] : []);
    }
    case 'self_rda':
      return pick(s.selfRdaCorrect);
    case 'completion_hard':
    case 'completion_soft': {
      const done = q.figure === 'completion_hard' ? s.completedHard : s.completedSoft;
      const wrong = s.steps
        .filter((x) => !x.correct)
        .map(({ loop, stage, item }) => ({ loop, stage, item }));
      return pick(done, wrong);
    }
    case 'stage': {
      const steps = s.steps.filter((x) => x.stage === q.stage);
      if (steps.length === 0) return null;
      const chosen = steps.filter((x) => x.correct !== wantWrong);
      return chosen.length > 0
        ? chosen.map(({ loop, stage, item }) => ({ loop, stage, item }))
        : null;
    }
    case 'funnel': {
      const first = firstError(s);
      const broke = first !== null && first.loop === q.loop && first.part === q.part;
      if (!wantWrong || !broke) return null;
      return s.steps
        .filter((x) => !x.correct)
        .slice(0, 1)
        .map(({ loop, stage, item }) => ({ loop, stage, item }));
    }
    default:
      return null;
  }
}

/** The samples behind one figure of one run (wrong ones by default), in sample order. */
export async function samplesBehind(db: Db, q: EvaluationSamplesQuery): Promise<EvaluationSamples> {
  const run = await getRun(db, q.run);
  const answers = await storedAnswers(db, run.id, q.dx ? { dx: q.dx } : {});
  const items: EvaluationSamples['items'] = [];
  let total = 0;
  for (const a of answers) {
    const steps = behind(a, q, run.mode);
    if (steps === null) continue;
    total += 1;
    if (items.length < q.limit) {
      items.push({
        samplePk: a.samplePk,
        sampleId: a.sampleId,
        dataSource: a.dataSource,
        targetDx: a.targetDx,
        dxLabel: a.dxLabel,
        steps,
      });
    }
  }
  return { items, total };
}
