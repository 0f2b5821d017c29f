/** The queue's filters (source, diagnosis, label, status, pre-flag), kept in the page's URL. */
import { targetDxName } from '../../../domain/benchmark/target-dx-names';
import { DATA_SOURCES, TARGET_DX } from '../../../schemas/benchmark-sample';
import type { ReviewQueueFilters } from '../api/queue';
import { FilterSelect } from './filter-select';

/** The filter bar above a queue. */
export function QueueFilters({
  filters,
  onChange,
}: {
  filters: ReviewQueueFilters;
  onChange: (filters: ReviewQueueFilters) => void;
}) {
  const set = <K extends keyof ReviewQueueFilters>(key: K, value: ReviewQueueFilters[K]) => {
    const next = { ...filters, [key]: value };
    if (value === undefined) delete next[key];
    onChange(next);
  };
  return (
    <div className="flex flex-wrap items-end gap-3" role="group" aria-label="Queue filters">
      <FilterSelect
        label="Source"
        value={filters.dataSource}
        options={DATA_SOURCES.map((s) => ({ value: s, text: s }))}
        onChange={(v) => set('dataSource', v)}
      />
      <FilterSelect
        label="Diagnosis"
        value={filters.targetDx}
        options={TARGET_DX.map((dx) => ({ value: dx, text: targetDxName(dx) }))}
        onChange={(v) => set('targetDx', v)}
      />
      <FilterSelect
        label="Label"
        value={filters.dxLabel === undefined ? undefined : filters.dxLabel ? 'true' : 'false'}
        options={[
          { value: 'true', text: 'present' },
          { value: 'false', text: 'absent' },
        ]}
        onChange={(v) => set('dxLabel', v === undefined ? undefined : v === 'true')}
      />
      <FilterSelect
        label="Status"
        value={filters.status}
        options={[
          { value: 'open', text: 'open (no verdict)' },
          { value: 'done', text: 'done' },
        ]}
        onChange={(v) => set('status', v)}
      />
      <FilterSelect
        label="Pre-flags"
        value={filters.preflag === 'any' ? undefined : filters.preflag}
        options={[
          { value: 'flagged', text: 'pre-flagged' },
          { value: 'clean', text: 'clean' },
        ]}
        onChange={(v) => set('preflag', v)}
      />
    </div>
  );
}
