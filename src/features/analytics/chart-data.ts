/** Rows the analytics charts draw, from the API's reports (pure: tested without a browser). */
import { STAGES, type Stage } from '../../domain/evaluation/stages';
import { COVERAGE_BINS } from '../../domain/evaluation/forced-commit';
import type { EvaluationReport, LabelReportBody, RunReport } from '../../schemas/api/evaluation';

/** Headline figures of a default run, with their CSV column and the figure the samples API knows. */
export const HEADLINES = [
  { key: 'idq', label: 'IDQ', column: 'idq_accuracy', total: 'idq_total' },
  {
    key: 'gt_rda',
    label: 'GT-RDA',
    column: 'gt_reasoning_based_diagnosis_accuracy',
    total: 'gt_reasoning_based_diagnosis_total',
  },
  {
    key: 'self_rda',
    label: 'Self-RDA',
    column: 'self_reasoning_based_diagnosis_accuracy',
    total: 'self_reasoning_based_diagnosis_total',
  },
  {
    key: 'completion_hard',
    label: 'Completion (hard)',
    column: 'completion_hard',
    total: 'reasoning_total',
  },
  {
    key: 'completion_soft',
    label: 'Completion (soft)',
    column: 'completion_soft',
    total: 'reasoning_total',
  },
] as const;
/** One headline figure. */
export type Headline = (typeof HEADLINES)[number];

/** Short names of the stages for axis labels. */
export const STAGE_LABEL: Readonly<Record<Stage, string>> = {
  criterion_selection: 'criterion',
  finding_identification: 'finding',
  lead_grounding: 'lead',
  wave_grounding: 'wave',
  measurement_grounding: 'measurement',
  diagnostic_decision: 'decision',
};

const defaultRuns = (report: EvaluationReport) =>
  report.runs.filter((r) => r.run.mode === 'default');

/** One bar of the per-stage chart. */
export interface StageRow {
  readonly model: string;
  readonly runId: string;
  readonly stage: Stage;
  readonly stageLabel: string;
  readonly accuracy: number;
  readonly correct: number;
  readonly total: number;
  readonly chance: number;
}

/** Per-stage accuracy with GT history, per model (stages without any question left out). */
export function stageRows(report: EvaluationReport): StageRow[] {
  return defaultRuns(report).flatMap((r) =>
    STAGES.filter((s) => (r.total[`${s}_total_w_gt`] ?? 0) > 0).map((stage) => ({
      model: r.run.model,
      runId: r.run.id,
      stage,
      stageLabel: STAGE_LABEL[stage],
      accuracy: r.total[`${stage}_accuracy_w_gt`] ?? 0,
      correct: r.total[`${stage}_correct_w_gt`] ?? 0,
      total: r.total[`${stage}_total_w_gt`] ?? 0,
      chance: report.chance[stage] ?? 0,
    })),
  );
}

/** One bar of the headline chart. */
export interface HeadlineRow {
  readonly model: string;
  readonly runId: string;
  readonly figure: Headline['key'];
  readonly label: string;
  readonly value: number;
  readonly total: number;
}

/** IDQ, GT-RDA, Self-RDA and completion per model. */
export function headlineRows(report: EvaluationReport): HeadlineRow[] {
  return defaultRuns(report).flatMap((r) =>
    HEADLINES.map((h) => ({
      model: r.run.model,
      runId: r.run.id,
      figure: h.key,
      label: h.label,
      value: r.total[h.column] ?? 0,
      total: r.total[h.total] ?? 0,
    })),
  );
}

/** One bar of the per-diagnosis chart. */
export interface DxRow {
  readonly model: string;
  readonly runId: string;
  readonly dx: string;
  readonly value: number;
  readonly total: number;
}

/** One headline figure per diagnosis and model. */
export function dxRows(report: EvaluationReport, headline: Headline): DxRow[] {
  return defaultRuns(report).flatMap((r) =>
    Object.entries(r.byDx).map(([dx, row]) => ({
      model: r.run.model,
      runId: r.run.id,
      dx,
      value: row[headline.column] ?? 0,
      total: row[headline.total] ?? 0,
    })),
  );
}

/** One position of a model's completion funnel. */
export interface FunnelRow {
  readonly model: string;
  readonly runId: string;
  readonly position: number;
  readonly step: string;
  readonly loop: number;
  readonly part: RunReport['funnel'][number]['part'];
  readonly reached: number;
  readonly survived: number;
  /** Survivors as a share of all chains. */
  readonly share: number;
}

/** Each model's funnel, positions numbered in chain order ("L1 criterion", ...). */
export function funnelRows(report: EvaluationReport): FunnelRow[] {
  return defaultRuns(report).flatMap((r) => {
    const chains = r.total['reasoning_total'] ?? 0;
    return r.funnel.map((f, i) => ({
      model: r.run.model,
      runId: r.run.id,
      position: i,
      step: `L${f.loop + 1} ${f.part}`,
      loop: f.loop,
      part: f.part,
      reached: f.reached,
      survived: f.survived,
      share: chains > 0 ? f.survived / chains : 0,
    }));
  });
}

/** One point of a forced-commit curve. */
export interface ForcedRow {
  readonly model: string;
  readonly runId: string;
  readonly bin: number;
  readonly range: string;
  readonly midPct: number;
  readonly accuracy: number;
  readonly correct: number;
  readonly total: number;
  readonly idqAccuracy: number;
}

/** Accuracy per coverage bin per forced-commit run, with its IDQ accuracy (the no-reasoning baseline). */
export function forcedRows(report: EvaluationReport): ForcedRow[] {
  return report.runs
    .filter((r) => r.run.mode === 'forced-commit')
    .flatMap((r) =>
      COVERAGE_BINS.map(([lo, hi], i) => ({
        model: r.run.model,
        runId: r.run.id,
        bin: i + 1,
        range: `(${lo}, ${hi}]`,
        midPct: (lo + hi) / 2,
        accuracy: r.total[`bin${i + 1}_accuracy`] ?? 0,
        correct: r.total[`bin${i + 1}_correct`] ?? 0,
        total: r.total[`bin${i + 1}_total`] ?? 0,
        idqAccuracy: r.total['idq_accuracy'] ?? 0,
      })),
    )
    .filter((row) => row.total > 0);
}

/** One bar of the per-axis label chart: the predictor or the majority baseline. */
export interface LabelAxisRow {
  readonly axis: string;
  readonly group: 'measurement' | 'waveform';
  readonly who: 'predictor' | 'majority';
  readonly accuracy: number;
  readonly macroF1: number;
}

/** Per-axis accuracy and macro-F1 beside the majority baseline. */
export function labelAxisRows(report: LabelReportBody): LabelAxisRow[] {
  return report.axes.flatMap((a) => [
    {
      axis: a.axis,
      group: a.group,
      who: 'predictor' as const,
      accuracy: a.accuracy,
      macroF1: a.macroF1,
    },
    {
      axis: a.axis,
      group: a.group,
      who: 'majority' as const,
      accuracy: a.majorityAccuracy,
      macroF1: a.majorityMacroF1,
    },
  ]);
}
