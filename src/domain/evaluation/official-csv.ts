/**
 * The official evaluator's CSV files: `total.csv` and one `<target_dx>.csv` per diagnosis, one
 * row per model, columns in the official order (docs/evaluation.md), numbers as pandas writes them.
 */
import { writeCsv } from '../csv/write-csv';
import type { ForcedCommitCounts, MetricPool, ReasoningCounts } from './metrics';
import { accuracy, depthSum, meanDepth } from './metrics';
import { COVERAGE_BINS } from './forced-commit';
import type { FrameCell } from './py-float';
import { float, formatFrame, int, text } from './py-float';
import { STAGES } from './stages';

/** Default-protocol columns, in order. */
export const REASONING_COLUMNS: readonly string[] = [
  'model',
  'idq_total',
  'idq_correct',
  'idq_accuracy',
  'gt_reasoning_based_diagnosis_total',
  'gt_reasoning_based_diagnosis_correct',
  'gt_reasoning_based_diagnosis_accuracy',
  'self_reasoning_based_diagnosis_total',
  'self_reasoning_based_diagnosis_correct',
  'self_reasoning_based_diagnosis_accuracy',
  'reasoning_total',
  'completed_hard',
  'completed_soft',
  'completion_hard',
  'completion_soft',
  'per_loop_total',
  'per_loop_depth_total',
  'per_loop_depth_sum',
  'depth',
  ...STAGES.flatMap((s) => [`${s}_total_w_gt`, `${s}_correct_w_gt`, `${s}_accuracy_w_gt`]),
];

/** Forced-commit columns, in order. */
export const FORCED_COMMIT_COLUMNS: readonly string[] = [
  'model',
  'idq_total',
  'idq_correct',
  'idq_accuracy',
  ...COVERAGE_BINS.flatMap((_, i) =>
    ['lo', 'hi', 'total', 'correct', 'accuracy'].map((k) => `bin${i + 1}_${k}`),
  ),
];

const ratio = (correct: number, total: number) => float(total > 0 ? correct / total : 0);

/** One default-protocol row. */
export function reasoningRow(model: string, c: ReasoningCounts): FrameCell[] {
  return [
    text(model),
    int(c.idq.total),
    int(c.idq.correct),
    float(accuracy(c.idq)),
    int(c.gtRda.total),
    int(c.gtRda.correct),
    float(accuracy(c.gtRda)),
    int(c.selfRda.total),
    int(c.selfRda.correct),
    float(accuracy(c.selfRda)),
    int(c.reasoningTotal),
    int(c.completedHard),
    int(c.completedSoft),
    ratio(c.completedHard, c.reasoningTotal),
    ratio(c.completedSoft, c.reasoningTotal),
    int(c.loops),
    int(c.depthLoops),
    // The official sum starts as the integer 0 and turns float with the first loop that counts.
    c.depthLoops > 0 ? float(depthSum(c)) : int(0),
    float(meanDepth(c)),
    ...STAGES.flatMap((s) => {
      const t = c.stages[s];
      return [int(t.total), int(t.correct), float(accuracy(t))];
    }),
  ];
}

/** One forced-commit row. */
export function forcedCommitRow(model: string, c: ForcedCommitCounts): FrameCell[] {
  return [
    text(model),
    int(c.idq.total),
    int(c.idq.correct),
    float(accuracy(c.idq)),
    ...c.bins.flatMap((bin, i) => {
      const [lo, hi] = COVERAGE_BINS[i]!;
      return [int(lo), int(hi), int(bin.total), int(bin.correct), float(accuracy(bin))];
    }),
  ];
}

/** A model's pool, named as its row will be. */
export interface NamedPool<Counts> {
  readonly model: string;
  readonly pool: Pick<MetricPool<Counts, never>, 'total' | 'byDx'>;
}

/**
 * The CSV files of one evaluator and dataset: file name -> text. total.csv has one row per
 * model; each diagnosis's file one row per model that has that diagnosis (models in given order).
 */
export function officialCsvFiles<Counts>(
  models: readonly NamedPool<Counts>[],
  columns: readonly string[],
  row: (model: string, counts: Counts) => FrameCell[],
): Map<string, string> {
  const files = new Map<string, string>();
  const frame = (rows: FrameCell[][]) => writeCsv([columns, ...formatFrame(rows)]);
  files.set('total.csv', frame(models.map((m) => row(m.model, m.pool.total))));
  const dxNames = [...new Set(models.flatMap((m) => [...m.pool.byDx.keys()]))].sort();
  for (const dx of dxNames) {
    const rows = models.flatMap((m) => {
      const counts = m.pool.byDx.get(dx);
      return counts ? [row(m.model, counts)] : [];
    });
    files.set(`${dx}.csv`, frame(rows));
  }
  return files;
}
