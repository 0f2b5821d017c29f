/**
 * Open flags grouped by diagnosis, source and reason: a chart (flags per diagnosis, stacked by
 * reason) and its data table, whose rows (or the chart's bars) show only that group's flags.
 */
import * as Plot from '@observablehq/plot';
import { plotChart } from '../../../components/charts/plot-chart';
import { useCallback, useMemo } from 'react';
import { ChartFrame, type ChartColumn } from '../../../components/charts/chart-frame';
import { TARGET_DX_NAMES } from '../../../domain/benchmark/target-dx-names';
import { FLAG_REASON_NAMES } from '../../../domain/review/flag-reason-names';
import type { FlagGroup } from '../../../schemas/api/curation';
import { FLAG_REASONS } from '../../../schemas/api/review';

/** Okabe-Ito, one colour per reason in key order (never alone: the table and tips name them). */
const REASON_COLOURS = [
  '#D55E00',
  '#E69F00',
  '#0072B2',
  '#CC79A7',
  '#009E73',
  '#56B4E9',
  '#999999',
];

const REASON_NAMES = FLAG_REASONS.map((r) => FLAG_REASON_NAMES[r]);

/** The reasons' colours, as an HTML legend (the page's style rules allow no injected styles). */
function ReasonLegend({ shown }: { shown: ReadonlySet<string> }) {
  return (
    <ul className="mt-1 flex flex-wrap gap-x-3 text-[12px]" aria-label="Reasons">
      {REASON_NAMES.filter((name) => shown.has(name)).map((name) => (
        <li key={name} className="flex items-center gap-1">
          <svg width="10" height="10" aria-hidden="true">
            <rect width="10" height="10" fill={REASON_COLOURS[REASON_NAMES.indexOf(name)]} />
          </svg>
          {name}
        </li>
      ))}
    </ul>
  );
}

/** People's name of a diagnosis code. */
export const dxName = (dx: string) =>
  (TARGET_DX_NAMES as Readonly<Record<string, string>>)[dx] ?? dx;

/** A group as the chart and its table read it. */
export interface GroupRow {
  readonly key: string;
  readonly diagnosis: string;
  readonly source: string;
  readonly reason: string;
  readonly count: number;
  readonly group: FlagGroup;
}

/** The key a group is filtered by (diagnosis, source, reason). */
export const groupKey = (g: Pick<FlagGroup, 'targetDx' | 'dataSource' | 'reason'>) =>
  `${g.targetDx}|${g.dataSource}|${g.reason}`;

const COLUMNS: readonly ChartColumn<GroupRow>[] = [
  { key: 'diagnosis', label: 'Diagnosis' },
  { key: 'source', label: 'Source' },
  { key: 'reason', label: 'Reason' },
  { key: 'count', label: 'Open flags' },
];

/** The groups' chart and table; `onPick` filters the flag list to a group. */
export function FlagGroups({
  groups,
  onPick,
}: {
  groups: readonly FlagGroup[];
  onPick: (group: FlagGroup) => void;
}) {
  const rows = useMemo<GroupRow[]>(
    () =>
      groups.map((g) => ({
        key: groupKey(g),
        diagnosis: dxName(g.targetDx),
        source: g.dataSource,
        reason: FLAG_REASON_NAMES[g.reason],
        count: g.count,
        group: g,
      })),
    [groups],
  );
  const draw = useCallback(
    (width: number) => {
      const diagnoses = [...new Set(rows.map((r) => `${r.diagnosis} (${r.source})`))];
      const perDiagnosis = new Map<string, number>();
      for (const r of rows) {
        const key = `${r.diagnosis} (${r.source})`;
        perDiagnosis.set(key, (perDiagnosis.get(key) ?? 0) + r.count);
      }
      const most = Math.max(1, ...perDiagnosis.values());
      return plotChart({
        width,
        height: 50 + diagnoses.length * 26,
        marginLeft: 280,
        // Whole flags only: at most ten ticks, never a fraction.
        x: { grid: true, label: 'open flags', tickFormat: 'd', ticks: Math.min(most, 10) },
        y: { label: null, domain: diagnoses },
        color: { domain: REASON_NAMES, range: REASON_COLOURS },
        marks: [
          Plot.barX(rows, {
            y: (d: GroupRow) => `${d.diagnosis} (${d.source})`,
            x: 'count',
            fill: 'reason',
            stroke: 'white',
            tip: true,
          }),
          Plot.ruleX([0]),
        ],
      });
    },
    [rows],
  );
  return (
    <ChartFrame
      title="Open flags by diagnosis, source and reason"
      description="Bars stack each reason's flags; a bar or a table row shows only those flags."
      fileName="open-flags"
      rows={rows}
      columns={COLUMNS}
      draw={draw}
      onPick={(row) => onPick(row.group)}
      pickLabel="Show"
    >
      <ReasonLegend shown={new Set(rows.map((r) => r.reason))} />
    </ChartFrame>
  );
}
