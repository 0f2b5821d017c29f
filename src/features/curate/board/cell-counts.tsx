/**
 * Samples per source x diagnosis x label x path: the distribution of the benchmark, which no
 * curation action changes (a re-sample keeps its cell, a regeneration its sample).
 */
import { dxLabelWord } from '../../../domain/benchmark/target-dx-names';
import { useMemo } from 'react';
import type { SampleCell } from '../../../schemas/api/curation';
import { dxName } from './flag-groups';

const columnKey = (c: Pick<SampleCell, 'dxLabel' | 'pathIdx'>) =>
  `${dxLabelWord(c.dxLabel)} p${c.pathIdx}`;

/** The cells as a table: a row per source and diagnosis, a column per label and path. */
export function CellCounts({ cells }: { cells: readonly SampleCell[] }) {
  const { columns, rows, total } = useMemo(() => {
    const columns = [...new Map(cells.map((c) => [columnKey(c), c])).values()]
      .sort((a, b) => Number(b.dxLabel) - Number(a.dxLabel) || a.pathIdx - b.pathIdx)
      .map(columnKey);
    const rows = new Map<string, { source: string; dx: string; counts: Map<string, number> }>();
    for (const c of cells) {
      const key = `${c.dataSource}|${c.targetDx}`;
      const row = rows.get(key) ?? { source: c.dataSource, dx: c.targetDx, counts: new Map() };
      row.counts.set(columnKey(c), c.count);
      rows.set(key, row);
    }
    return { columns, rows: [...rows.values()], total: cells.reduce((s, c) => s + c.count, 0) };
  }, [cells]);
  if (cells.length === 0)
    return <p className="text-slate-600">No samples yet: import a benchmark file.</p>;
  return (
    <div
      className="overflow-auto"
      tabIndex={0}
      role="region"
      aria-label="Samples per cell, scrollable"
    >
      <table
        className="w-full border-collapse text-left text-[13px]"
        data-testid="cell-counts"
        aria-label="Samples per source, diagnosis, label and path"
      >
        <thead className="bg-slate-100">
          <tr>
            <th className="px-2 py-1 font-medium">Source</th>
            <th className="px-2 py-1 font-medium">Diagnosis</th>
            {columns.map((c) => (
              <th key={c} className="px-2 py-1 text-end font-medium whitespace-nowrap">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={`${r.source}|${r.dx}`} className="border-t border-slate-100">
              <td className="px-2 py-0.5">{r.source}</td>
              <td className="px-2 py-0.5">{dxName(r.dx)}</td>
              {columns.map((c) => (
                <td key={c} className="px-2 py-0.5 text-end tabular-nums">
                  {r.counts.get(c) ?? '–'}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="border-t border-slate-300 font-semibold">
            <td className="px-2 py-0.5" colSpan={2}>
              All cells
            </td>
            <td className="px-2 py-0.5 text-end tabular-nums" colSpan={columns.length}>
              {total} samples
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
