/** Forced-commit curves: accuracy per finding-coverage bin per model, the IDQ baseline dashed. */
import * as Plot from '@observablehq/plot';
import { plotChart } from '../../../components/charts/plot-chart';
import { useCallback, useMemo } from 'react';
import { ChartFrame } from '../../../components/charts/chart-frame';
import type { EvaluationReport } from '../../../schemas/api/evaluation';
import { samplesQueryString } from '../api/evaluation-api';
import { useAnalyticsStore } from '../analytics-store';
import { forcedRows, type ForcedRow } from '../chart-data';
import { CHANCE_DASH, CHANCE_STROKE, distinct, modelColor, pct, percentAxis } from './chart-style';

/** The forced-commit chart of every forced-commit run. */
export function ForcedCommitChart({ report }: { report: EvaluationReport }) {
  const setPick = useAnalyticsStore((s) => s.setPick);
  const rows = useMemo(() => forcedRows(report), [report]);
  const models = useMemo(() => distinct(rows.map((r) => r.model)), [rows]);
  const baselines = useMemo(
    () => models.map((model) => ({ model, idq: rows.find((r) => r.model === model)!.idqAccuracy })),
    [models, rows],
  );
  const draw = useCallback(
    (width: number) =>
      plotChart({
        width,
        height: 320,
        x: {
          domain: [0, 100],
          ticks: [0, 25, 50, 75, 100],
          label: 'finding coverage: loops seen / loops (%)',
        },
        y: percentAxis('diagnosis accuracy (%)'),
        color: modelColor(models),
        marks: [
          Plot.ruleY([0.5], { stroke: CHANCE_STROKE, strokeDasharray: '2,3' }),
          Plot.ruleY(baselines, {
            y: 'idq',
            stroke: 'model',
            strokeDasharray: CHANCE_DASH,
            strokeWidth: 1.5,
          }),
          Plot.lineY(rows, { x: 'midPct', y: 'accuracy', stroke: 'model', strokeWidth: 2 }),
          Plot.dot(rows, {
            x: 'midPct',
            y: 'accuracy',
            fill: 'model',
            r: 5,
            tip: true,
            channels: { bin: 'range', right: 'correct', asked: 'total' },
          }),
        ],
      }),
    [rows, baselines, models],
  );
  if (rows.length === 0) {
    return (
      <p className="rounded border border-slate-200 bg-white p-3 text-slate-600">
        No forced-commit answers on this dataset. Import answer files made with
        <code> metadata.inference_mode: "forced-commit"</code>.
      </p>
    );
  }
  return (
    <ChartFrame<ForcedRow>
      title="Forced commit: accuracy by finding coverage"
      description="Each loop's decision forced to Yes/No on a ground-truth history, binned (0,25], (25,50], (50,75], (75,100]; dashes: each model's IDQ accuracy (no reasoning); dots: chance. Click a point for its wrong decisions."
      fileName="forced-commit"
      rows={rows}
      columns={[
        { key: 'model', label: 'model' },
        { key: 'range', label: 'coverage (%)' },
        { key: 'accuracy', label: 'accuracy', format: pct },
        { key: 'correct', label: 'right' },
        { key: 'total', label: 'decisions' },
        { key: 'idqAccuracy', label: 'IDQ accuracy', format: pct },
      ]}
      draw={draw}
      pickLabel="Wrong decisions"
      onPick={(row) =>
        setPick({
          title: `${row.model}: wrong forced decisions at coverage ${row.range}`,
          runId: row.runId,
          query: samplesQueryString({ run: row.runId, figure: 'bin', bin: row.bin }),
        })
      }
    />
  );
}
