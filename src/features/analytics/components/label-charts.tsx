/**
 * Dense-label predictions: import a predicted label JSONL or compute the measurements-only
 * reference, then per-axis accuracy or macro-F1 beside the majority baseline (measurement axes
 * apart from waveform axes), findings per ECG, and a confusion matrix per axis.
 */
import * as Plot from '@observablehq/plot';
import { plotChart } from '../../../components/charts/plot-chart';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo, useState } from 'react';
import { ChartFrame } from '../../../components/charts/chart-frame';
import { Button } from '../../../components/ui/button';
import { Segmented } from '../../../components/ui/segmented';
import type { LabelReportBody } from '../../../schemas/api/evaluation';
import {
  evaluationKey,
  useComputeReference,
  useLabelReport,
  usePredictors,
} from '../api/evaluation-api';
import { uploadLabels } from '../api/upload';
import { useAnalyticsStore } from '../analytics-store';
import { labelAxisRows, type LabelAxisRow } from '../chart-data';
import { pct, percentAxis } from './chart-style';
import { EcgList, type EcgPick } from './ecg-list';

const WHO_COLORS = {
  domain: ['predictor', 'majority'],
  range: ['#0072B2', '#9CA3AF'],
  legend: true,
};

function LabelImport() {
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const reference = useComputeReference();
  const submit = async () => {
    if (!file) return;
    setMessage(null);
    try {
      const predictor = await uploadLabels(name.trim(), file);
      setMessage({
        tone: 'ok',
        text: `Imported ${predictor.predictions} predictions as "${predictor.name}"${predictor.problems.length ? `; ${predictor.problems.length} lines left out: ${predictor.problems.slice(0, 3).join('; ')}` : ''}.`,
      });
      useAnalyticsStore.getState().setPredictor(predictor.id);
      await client.invalidateQueries({ queryKey: evaluationKey });
    } catch (error) {
      setMessage({ tone: 'error', text: error instanceof Error ? error.message : String(error) });
    }
  };
  return (
    <div className="flex flex-wrap items-end gap-3 text-[13px]">
      <label className="flex flex-col">
        Predicted labels (JSONL)
        <input
          type="file"
          accept=".jsonl,application/x-ndjson"
          onChange={(e) => {
            const f = e.target.files?.[0] ?? null;
            setFile(f);
            if (f && name === '') setName(f.name.replace(/\.jsonl$/, ''));
          }}
        />
      </label>
      <label className="flex flex-col">
        Predictor name
        <input
          className="rounded border border-slate-300 px-1 py-0.5"
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </label>
      <Button disabled={!file || name.trim() === ''} onClick={() => void submit()}>
        Import labels
      </Button>
      <Button disabled={reference.isPending} onClick={() => reference.mutate()}>
        {reference.isPending
          ? 'Measuring the labelled ECGs…'
          : 'Compute the measurements-only reference'}
      </Button>
      {reference.isError && (
        <span role="alert" className="text-ok-problem-ink">
          {reference.error.message}
        </span>
      )}
      {message && (
        <span
          role={message.tone === 'error' ? 'alert' : 'status'}
          className={message.tone === 'error' ? 'text-ok-problem-ink' : 'text-slate-700'}
        >
          {message.text}
        </span>
      )}
    </div>
  );
}

function LabelReportCharts({ report }: { report: LabelReportBody }) {
  const metric = useAnalyticsStore((s) => s.labelMetric);
  const setMetric = useAnalyticsStore((s) => s.setLabelMetric);
  const axis = useAnalyticsStore((s) => s.confusionAxis);
  const setAxis = useAnalyticsStore((s) => s.setConfusionAxis);
  const rows = useMemo(() => labelAxisRows(report), [report]);
  const axes = report.axes.map((a) => a.axis);
  const [ecgPick, setEcgPick] = useState<EcgPick | null>(null);

  const drawAxes = useCallback(
    (width: number) =>
      plotChart({
        width,
        height: 280,
        marginBottom: 40,
        fx: {
          label: 'axis (M: machine measurements give it; the others need the waveform)',
          domain: axes,
          tickFormat: (a: string) =>
            report.axes.find((x) => x.axis === a)?.group === 'measurement' ? `${a} (M)` : a,
        },
        x: { axis: null, domain: ['predictor', 'majority'] },
        y: percentAxis(metric === 'accuracy' ? 'accuracy (%)' : 'macro-F1 (%)'),
        color: WHO_COLORS,
        marks: [
          Plot.barY(rows, { fx: 'axis', x: 'who', y: metric, fill: 'who', tip: true }),
          Plot.ruleY([0]),
        ],
      }),
    [rows, axes, metric, report],
  );

  const findings = useMemo(() => {
    const counts = [
      ...new Set([
        ...Object.keys(report.findings.truth),
        ...Object.keys(report.findings.predicted),
      ]),
    ]
      .map(Number)
      .sort((a, b) => a - b);
    return counts.flatMap((n) => [
      { findings: n, who: 'truth', ecgs: report.findings.truth[String(n)] ?? 0 },
      { findings: n, who: 'predicted', ecgs: report.findings.predicted[String(n)] ?? 0 },
    ]);
  }, [report]);
  const drawFindings = useCallback(
    (width: number) =>
      plotChart({
        width,
        height: 220,
        fx: { label: 'non-normal findings in the label' },
        x: { axis: null, domain: ['truth', 'predicted'] },
        y: { grid: true, label: 'ECGs' },
        color: { domain: ['truth', 'predicted'], range: ['#009E73', '#0072B2'], legend: true },
        marks: [
          Plot.barY(findings, { fx: 'findings', x: 'who', y: 'ecgs', fill: 'who', tip: true }),
          Plot.ruleY([0]),
        ],
      }),
    [findings],
  );

  const chosen = report.axes.find((a) => a.axis === axis) ?? report.axes[0]!;
  const cells = useMemo(
    () =>
      chosen.confusion.flatMap((row, t) =>
        row.map((count, p) => ({
          truth: chosen.classes[t]!,
          predicted: chosen.classes[p]!,
          count,
        })),
      ),
    [chosen],
  );
  const drawConfusion = useCallback(
    (width: number) =>
      plotChart({
        width: Math.min(width, 160 + chosen.classes.length * 90),
        height: 80 + chosen.classes.length * 32,
        marginLeft: 150,
        marginBottom: 70,
        x: { label: 'predicted', domain: chosen.classes, tickRotate: -30 },
        y: { label: 'truth', domain: chosen.classes },
        color: { scheme: 'blues', type: 'sqrt' },
        marks: [
          Plot.cell(cells, { x: 'predicted', y: 'truth', fill: 'count', tip: true }),
          Plot.text(cells, {
            x: 'predicted',
            y: 'truth',
            text: (d: { count: number }) => (d.count ? String(d.count) : ''),
            fill: 'black',
          }),
        ],
      }),
    [cells, chosen],
  );

  return (
    <div className="flex flex-col gap-3">
      <p className="text-[13px] text-slate-700">
        {report.scored} ECGs scored against {report.truthLabels} submitted labels
        {report.severalLabels
          ? ` (${report.severalLabels} with several: the latest is the truth)`
          : ''}
        {report.unpredicted.length
          ? `; ${report.unpredicted.length} labelled ECGs have no prediction`
          : ''}
        {report.withoutTruth.length
          ? `; ${report.withoutTruth.length} predictions have no submitted label`
          : ''}
        .
      </p>
      <ChartFrame<LabelAxisRow>
        title="Per axis, beside the majority baseline"
        description="Blue: the predictor; grey: always answering the most common true value. Rate and axis can be read from machine measurements; the others need the waveform."
        fileName={`label-axes-${metric}`}
        rows={rows}
        columns={[
          { key: 'axis', label: 'axis' },
          { key: 'group', label: 'group' },
          { key: 'who', label: 'who' },
          { key: 'accuracy', label: 'accuracy', format: pct },
          { key: 'macroF1', label: 'macro-F1', format: (v) => Number(v).toFixed(3) },
        ]}
        draw={drawAxes}
        pickLabel="Wrong ECGs"
        onPick={(row) => {
          setAxis(row.axis);
          const a = row.axis;
          const keys = report.pairs.filter((p) =>
            row.who === 'predictor'
              ? p.truth[a] !== p.predicted[a]
              : p.truth[a] !== report.axes.find((x) => x.axis === a)!.majorityValue,
          );
          setEcgPick({
            title: `${a}: ECGs the ${row.who === 'predictor' ? 'predictor' : 'majority baseline'} gets wrong`,
            keys: keys.map((p) => p.key),
          });
        }}
      >
        <Segmented
          label="Figure"
          value={metric}
          options={[
            { value: 'accuracy', text: 'accuracy' },
            { value: 'macroF1', text: 'macro-F1' },
          ]}
          onChange={setMetric}
        />
      </ChartFrame>
      <ChartFrame
        title="Findings per ECG"
        description={`Green: ground truth (mean ${report.findings.meanTruth.toFixed(2)}); blue: predicted (mean ${report.findings.meanPredicted.toFixed(2)}).`}
        fileName="findings-per-ecg"
        rows={findings}
        columns={[
          { key: 'findings', label: 'findings' },
          { key: 'who', label: 'who' },
          { key: 'ecgs', label: 'ECGs' },
        ]}
        draw={drawFindings}
        pickLabel="ECGs"
        onPick={(row) =>
          setEcgPick({
            title: `${row.findings} non-normal findings in the ${row.who === 'truth' ? 'ground truth' : 'prediction'}`,
            keys: report.pairs
              .filter(
                (p) =>
                  (row.who === 'truth' ? p.truthFindings : p.predictedFindings) === row.findings,
              )
              .map((p) => p.key),
          })
        }
      />
      <ChartFrame
        title={`Confusion matrix: ${chosen.axis}`}
        description="Rows: ground truth; columns: predicted; counts of ECGs. Click a cell for its ECGs."
        fileName={`confusion-${chosen.axis}`}
        rows={cells}
        columns={[
          { key: 'truth', label: 'truth' },
          { key: 'predicted', label: 'predicted' },
          { key: 'count', label: 'ECGs' },
        ]}
        draw={drawConfusion}
        pickLabel="ECGs"
        onPick={(cell) =>
          setEcgPick({
            title: `${chosen.axis}: truth ${cell.truth}, predicted ${cell.predicted}`,
            keys: report.pairs
              .filter(
                (p) =>
                  p.truth[chosen.axis] === cell.truth &&
                  p.predicted[chosen.axis] === cell.predicted,
              )
              .map((p) => p.key),
          })
        }
      >
        <Segmented
          label="Axis"
          value={chosen.axis}
          options={axes.map((a) => ({ value: a, text: a }))}
          onChange={setAxis}
        />
      </ChartFrame>
      {ecgPick && <EcgList pick={ecgPick} onClose={() => setEcgPick(null)} />}
    </div>
  );
}

/** The dense-label tab. */
export function LabelCharts() {
  const predictors = usePredictors();
  const predictorId = useAnalyticsStore((s) => s.predictorId);
  const setPredictor = useAnalyticsStore((s) => s.setPredictor);
  const chosen = predictorId ?? predictors.data?.items[0]?.id ?? null;
  const report = useLabelReport(chosen);
  return (
    <div className="flex flex-col gap-3">
      <section
        aria-label="Label predictions"
        className="rounded border border-slate-200 bg-white p-3"
      >
        <h2 className="font-semibold">Dense-label predictions</h2>
        <LabelImport />
        {predictors.data && predictors.data.items.length > 0 && (
          <label className="mt-2 flex items-center gap-2 text-[13px]">
            Predictor
            <select
              className="rounded border border-slate-300 px-1 py-0.5"
              value={chosen ?? ''}
              onChange={(e) => setPredictor(e.target.value)}
            >
              {predictors.data.items.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name} ({p.kind}, {p.predictions} ECGs)
                </option>
              ))}
            </select>
          </label>
        )}
      </section>
      {predictors.data?.items.length === 0 && (
        <p className="text-slate-600">
          No predictions yet: import a label JSONL, or compute the measurements-only reference.
        </p>
      )}
      {report.isError && (
        <p role="alert" className="text-ok-problem-ink">
          Could not score the predictions: {report.error.message}
        </p>
      )}
      {report.data && <LabelReportCharts report={report.data} />}
    </div>
  );
}
