/**
 * The dataset dashboard: samples per source x diagnosis x label x path against the target, label
 * distributions per axis with the majority share, findings per ECG, review progress over time
 * and reviewer agreement.
 */
import * as Plot from '@observablehq/plot';
import { plotChart } from '../../../components/charts/plot-chart';
import { useCallback, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ChartFrame } from '../../../components/charts/chart-frame';
import { Button } from '../../../components/ui/button';
import type { DatasetDashboard as Dashboard } from '../../../schemas/api/evaluation';
import { useCellSamples, useDatasetDashboard } from '../api/evaluation-api';
import { dxName, pct } from './chart-style';
import { EcgList, type EcgPick } from './ecg-list';

type Cell = Dashboard['cells'][number] & {
  readonly key: string;
  readonly dxLabelText: string;
  readonly ratio: number;
};
type AxisCount = {
  axis: string;
  value: string;
  count: number;
  share: number;
  majority: boolean;
  ecgs: readonly string[];
};

function CellSamples({ cell, onClose }: { cell: Cell; onClose: () => void }) {
  const samples = useCellSamples(cell);
  return (
    <section
      aria-label="Samples of the cell"
      data-testid="cell-samples"
      className="rounded border border-slate-200 bg-white p-3 text-[13px]"
    >
      <div className="flex items-center gap-2">
        <h3 className="font-semibold">
          {dxName(cell.targetDx)}, {cell.dxLabelText}, path {cell.pathIdx} ({cell.dataSource}):{' '}
          {cell.count} samples, target {Math.round(cell.target)}
        </h3>
        <Button className="ml-auto" onClick={onClose}>
          Close
        </Button>
      </div>
      {samples.isPending && <p className="text-slate-500">Loading…</p>}
      {samples.data && (
        <ul className="mt-1 flex max-h-32 flex-wrap gap-2 overflow-auto">
          {samples.data.map((s) => (
            <li key={s.id}>
              <Link className="underline" to={`/samples/${s.id}`}>
                #{s.metadata.id} (ECG {s.metadata.ecg_id})
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Charts({ data }: { data: Dashboard }) {
  const [cellPick, setCellPick] = useState<Cell | null>(null);
  const [ecgPick, setEcgPick] = useState<EcgPick | null>(null);
  const [dayPick, setDayPick] = useState<Dashboard['review']['progress'][number] | null>(null);
  const cells = useMemo<Cell[]>(
    () =>
      data.cells.map((c) => ({
        ...c,
        dxLabelText: c.dxLabel ? 'present' : 'absent',
        key: `${c.dxLabel ? 'present' : 'absent'} p${c.pathIdx}`,
        ratio: c.target > 0 ? c.count / c.target : 0,
      })),
    [data],
  );
  const dxs = useMemo(() => [...new Set(cells.map((c) => c.targetDx))].sort(), [cells]);
  const keys = useMemo(
    () =>
      [...new Set(cells.map((c) => c.key))].sort((a, b) =>
        a.startsWith('present') === b.startsWith('present')
          ? a < b
            ? -1
            : 1
          : a.startsWith('present')
            ? -1
            : 1,
      ),
    [cells],
  );
  const sources = useMemo(() => [...new Set(cells.map((c) => c.dataSource))], [cells]);
  const drawCells = useCallback(
    (width: number) =>
      plotChart({
        width: Math.min(width, 260 + sources.length * keys.length * 70),
        height: 90 + dxs.length * 26,
        marginLeft: 230,
        marginBottom: 40,
        fx: { label: null, domain: sources },
        x: { label: null, domain: keys, axis: 'top', tickRotate: -20 },
        y: { label: null, domain: dxs, tickFormat: dxName },
        color: {
          type: 'diverging',
          pivot: 1,
          domain: [0, 2],
          scheme: 'PuOr',
          legend: true,
          label: 'samples / target',
        },
        marks: [
          Plot.cell(cells, {
            fx: 'dataSource',
            x: 'key',
            y: 'targetDx',
            fill: 'ratio',
            inset: 1,
            tip: true,
            channels: { samples: 'count', target: 'target' },
          }),
          Plot.text(cells, {
            fx: 'dataSource',
            x: 'key',
            y: 'targetDx',
            text: (d: Cell) => `${d.count}/${Math.round(d.target)}`,
            fontSize: 10,
            // Dark cells at both ends of the scale take white text.
            fill: (d: Cell) => (d.ratio < 0.4 || d.ratio > 1.6 ? 'white' : 'black'),
          }),
        ],
      }),
    [cells, dxs, keys, sources],
  );

  const axisCounts = useMemo<AxisCount[]>(
    () =>
      data.labels.axes.flatMap((a) =>
        a.counts.map((c) => ({
          axis: a.axis,
          value: c.value,
          count: c.count,
          share: data.labels.submitted > 0 ? c.count / data.labels.submitted : 0,
          majority: c.value === a.majorityValue,
          ecgs: c.ecgs,
        })),
      ),
    [data],
  );
  const drawAxes = useCallback(
    (width: number) =>
      plotChart({
        width,
        height: 60 + axisCounts.length * 16,
        marginLeft: 260,
        y: { label: null, domain: axisCounts.map((r) => `${r.axis}: ${r.value}`) },
        x: {
          domain: [0, 1],
          percent: true,
          grid: true,
          label: 'share of submitted labels (%) · dark: the majority value',
        },
        marks: [
          Plot.barX(axisCounts, {
            y: (d: AxisCount) => `${d.axis}: ${d.value}`,
            x: 'share',
            fill: (d: AxisCount) => (d.majority ? '#374151' : '#9CA3AF'),
            tip: true,
          }),
          Plot.ruleX([0]),
        ],
      }),
    [axisCounts],
  );

  const drawFindings = useCallback(
    (width: number) =>
      plotChart({
        width,
        height: 200,
        x: { label: 'non-normal findings in the label', type: 'band' },
        y: { grid: true, label: 'ECGs' },
        marks: [
          Plot.barY(data.labels.findings, { x: 'findings', y: 'ecgs', fill: '#009E73', tip: true }),
          Plot.ruleY([0]),
        ],
      }),
    [data],
  );

  const progress = useMemo(
    () => data.review.progress.map((p) => ({ ...p, date: new Date(`${p.day}T00:00:00Z`) })),
    [data],
  );
  const drawProgress = useCallback(
    (width: number) =>
      plotChart({
        width,
        height: 200,
        x: { label: 'day (UTC)', type: 'utc' },
        y: { grid: true, label: 'verdicts, cumulative' },
        marks: [
          Plot.areaY(progress, { x: 'date', y: 'cumulative', fill: '#56B4E9', fillOpacity: 0.3 }),
          Plot.lineY(progress, {
            x: 'date',
            y: 'cumulative',
            stroke: '#0072B2',
            marker: 'circle',
            tip: true,
          }),
        ],
      }),
    [progress],
  );

  const agreement = data.review.agreement;
  return (
    <div className="flex flex-col gap-3">
      <ChartFrame<Cell>
        title="Samples per cell against the target"
        description="Each cell: samples / target for a source x diagnosis x label x path (the target: 100 per source, diagnosis and label, split over its paths); purple below target, orange above. Click a cell for its samples."
        fileName="dataset-cells"
        rows={cells}
        columns={[
          { key: 'dataSource', label: 'source' },
          { key: 'targetDx', label: 'diagnosis' },
          { key: 'dxLabel', label: 'label' },
          { key: 'pathIdx', label: 'path' },
          { key: 'count', label: 'samples' },
          { key: 'target', label: 'target', format: (v) => Number(v).toFixed(1) },
        ]}
        draw={drawCells}
        pickLabel="Samples"
        onPick={setCellPick}
      />
      {cellPick && <CellSamples cell={cellPick} onClose={() => setCellPick(null)} />}
      {data.labels.submitted === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-3 text-slate-600">
          No submitted dense labels yet: label distributions and findings per ECG appear once
          cardiologists submit labels.
        </p>
      ) : (
        <>
          <ChartFrame<AxisCount>
            title={`Label distributions per axis (${data.labels.submitted} submitted labels)`}
            description="Share of each value; the dark bar is the majority value, whose share is the majority-class baseline's accuracy."
            fileName="label-distributions"
            rows={axisCounts}
            columns={[
              { key: 'axis', label: 'axis' },
              { key: 'value', label: 'value' },
              { key: 'count', label: 'labels' },
              { key: 'share', label: 'share', format: pct },
              { key: 'majority', label: 'majority' },
            ]}
            draw={drawAxes}
            pickLabel="ECGs"
            onPick={(row) => setEcgPick({ title: `${row.axis}: ${row.value}`, keys: row.ecgs })}
          />
          <ChartFrame
            title="Findings per ECG"
            description="How many non-normal findings each submitted label holds."
            fileName="dataset-findings"
            rows={data.labels.findings}
            columns={[
              { key: 'findings', label: 'findings' },
              { key: 'ecgs', label: 'ECGs' },
            ]}
            draw={drawFindings}
            pickLabel="ECGs"
            onPick={(row) =>
              setEcgPick({ title: `${row.findings} non-normal findings`, keys: row.keys })
            }
          />
          {ecgPick && <EcgList pick={ecgPick} onClose={() => setEcgPick(null)} />}
        </>
      )}
      {progress.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-3 text-slate-600">
          No review verdicts yet.
        </p>
      ) : (
        <ChartFrame
          title="Review progress"
          description="Verdicts recorded, cumulative, per day."
          fileName="review-progress"
          rows={data.review.progress}
          columns={[
            { key: 'day', label: 'day' },
            { key: 'verdicts', label: 'verdicts' },
            { key: 'cumulative', label: 'cumulative' },
          ]}
          draw={drawProgress}
          pickLabel="Samples"
          onPick={(row) => setDayPick(data.review.progress.find((p) => p.day === row.day) ?? null)}
        >
          <p className="text-[13px]" data-testid="agreement">
            {agreement
              ? `Reviewer agreement: ${agreement.agreeing} of ${agreement.pairs} pairs of verdicts on the same sample and pass agree (${pct(agreement.percent)}), Cohen's kappa ${agreement.kappa === null ? 'undefined (one verdict only)' : agreement.kappa.toFixed(2)}.`
              : 'Reviewer agreement: no sample was judged by two reviewers in the same pass yet.'}
          </p>
        </ChartFrame>
      )}
      {dayPick && (
        <section
          aria-label="Samples judged that day"
          className="rounded border border-slate-200 bg-white p-3 text-[13px]"
        >
          <div className="flex items-center gap-2">
            <h3 className="font-semibold">
              Samples judged on {dayPick.day}: {dayPick.samples.length}
              {dayPick.samples.length < dayPick.verdicts
                ? ` (of ${dayPick.verdicts} verdicts)`
                : ''}
            </h3>
            <Button className="ml-auto" onClick={() => setDayPick(null)}>
              Close
            </Button>
          </div>
          <ul className="mt-1 flex max-h-32 flex-wrap gap-2 overflow-auto">
            {dayPick.samples.map((s) => (
              <li key={s.id}>
                <Link className="underline" to={`/samples/${s.id}`}>
                  #{s.sampleId}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

/** The dataset tab. */
export function DatasetDashboard() {
  const dashboard = useDatasetDashboard();
  if (dashboard.isPending) return <p className="text-slate-500">Loading the dataset figures…</p>;
  if (dashboard.isError)
    return (
      <p role="alert" className="text-ok-problem-ink">
        Could not load the dataset figures: {dashboard.error.message}
      </p>
    );
  if (dashboard.data.cells.length === 0)
    return (
      <p className="text-slate-600">
        The workspace has no samples yet: import a benchmark file first.
      </p>
    );
  return <Charts data={dashboard.data} />;
}
