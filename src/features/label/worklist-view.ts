/** The worklist's filters and sort as pure functions (the component and the ECG page share them). */
import type { WorklistRow } from '../../schemas/api/label-workbench';

/** What the worklist shows. */
export interface WorklistFilters {
  readonly source: 'all' | WorklistRow['source'];
  readonly mine: 'all' | WorklistRow['myStatus'];
  readonly record: 'all' | 'with';
  readonly checks: 'all' | 'open';
  /** ECG ids starting with this text. */
  readonly search: string;
}

/** How it is ordered. */
export type WorklistSort = 'ecg' | 'status' | 'samples' | 'checks';

/** Everything shown, the default. */
export const ALL_ECGS: WorklistFilters = {
  source: 'all',
  mine: 'all',
  record: 'all',
  checks: 'all',
  search: '',
};

const STATUS_ORDER: Record<WorklistRow['myStatus'], number> = { none: 0, draft: 1, submitted: 2 };

function byEcg(a: WorklistRow, b: WorklistRow): number {
  return (
    a.source.localeCompare(b.source) ||
    Number(a.ecgId) - Number(b.ecgId) ||
    a.ecgId.localeCompare(b.ecgId)
  );
}

/** The rows the filters keep, in the sort's order (ties by source and numeric ecg id). */
export function visibleRows(
  rows: readonly WorklistRow[],
  filters: WorklistFilters,
  sort: WorklistSort,
): WorklistRow[] {
  const search = filters.search.trim();
  const kept = rows.filter(
    (row) =>
      (filters.source === 'all' || row.source === filters.source) &&
      (filters.mine === 'all' || row.myStatus === filters.mine) &&
      (filters.record === 'all' || row.recordAvailable) &&
      (filters.checks === 'all' || row.openChecks > 0) &&
      (search === '' || row.ecgId.startsWith(search)),
  );
  const order: Record<WorklistSort, (a: WorklistRow, b: WorklistRow) => number> = {
    ecg: byEcg,
    status: (a, b) => STATUS_ORDER[a.myStatus] - STATUS_ORDER[b.myStatus] || byEcg(a, b),
    samples: (a, b) => b.samples - a.samples || byEcg(a, b),
    checks: (a, b) => b.openChecks - a.openChecks || byEcg(a, b),
  };
  return kept.sort(order[sort]);
}

/** "312 of 2,868 labelled": my submitted labels over every ECG of the workspace. */
export function progressText(rows: readonly WorklistRow[]): string {
  const done = rows.filter((row) => row.myStatus === 'submitted').length;
  return `${done.toLocaleString('en-US')} of ${rows.length.toLocaleString('en-US')} labelled`;
}

/** The page path of an ECG. */
export const ecgPath = (row: { source: string; ecgId: string }) =>
  `/ecgs/${encodeURIComponent(row.source)}/${encodeURIComponent(row.ecgId)}`;
