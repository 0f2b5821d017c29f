/**
 * The sample worklist: filter by source, diagnosis and label, open a sample with a click or Enter.
 * The filters live in the URL, so a reload, the samples opened from here and Back all keep them.
 */
import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import {
  readSampleFilters,
  sampleFiltersQuery,
  withSampleFilters,
} from '../../../lib/sample-filters';
import type { SampleFilters } from '../../../schemas/api/samples';
import { DATA_SOURCES, TARGET_DX } from '../../../schemas/benchmark-sample';
import { useSampleList } from '../api/list-samples';
import { targetDxName } from '../../../domain/benchmark/target-dx-names';

/** The worklist's filters from the URL, and a setter that writes one back (no new history entry). */
function useUrlFilters() {
  const [search, setSearch] = useSearchParams();
  const query = search.toString();
  const filters = useMemo(() => readSampleFilters(new URLSearchParams(query)), [query]);
  const setFilter = <K extends keyof SampleFilters>(
    key: K,
    value: SampleFilters[K] | undefined,
  ) => {
    const next: SampleFilters = { ...filters, [key]: value };
    if (value === undefined) delete next[key];
    setSearch(new URLSearchParams(sampleFiltersQuery(next)), { replace: true });
  };
  return { filters, setFilter };
}

export function SampleWorklist() {
  const { filters, setFilter } = useUrlFilters();
  const list = useSampleList(filters);
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="flex h-full flex-col">
      <div className="flex flex-wrap items-end gap-4 border-b border-slate-200 bg-white px-4 py-3">
        <h1 className="mr-4 text-base font-semibold">Samples</h1>
        <label className="flex flex-col text-xs text-slate-600">
          Source
          <select
            className="mt-0.5 rounded border border-slate-300 px-1 py-0.5 text-sm text-slate-900"
            value={filters.data_source ?? ''}
            onChange={(e) =>
              setFilter(
                'data_source',
                DATA_SOURCES.find((s) => s === e.target.value),
              )
            }
          >
            <option value="">any</option>
            {DATA_SOURCES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          Diagnosis
          <select
            className="mt-0.5 rounded border border-slate-300 px-1 py-0.5 text-sm text-slate-900"
            value={filters.target_dx ?? ''}
            onChange={(e) =>
              setFilter(
                'target_dx',
                TARGET_DX.find((dx) => dx === e.target.value),
              )
            }
          >
            <option value="">any</option>
            {TARGET_DX.map((dx) => (
              <option key={dx} value={dx}>
                {targetDxName(dx)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-xs text-slate-600">
          Label
          <select
            className="mt-0.5 rounded border border-slate-300 px-1 py-0.5 text-sm text-slate-900"
            value={filters.dx_label === undefined ? '' : String(filters.dx_label)}
            onChange={(e) =>
              setFilter('dx_label', e.target.value === '' ? undefined : e.target.value === 'true')
            }
          >
            <option value="">any</option>
            <option value="true">present</option>
            <option value="false">absent</option>
          </select>
        </label>
      </div>
      <div className="flex-1 overflow-auto">
        {list.isPending && <p className="p-4 text-slate-500">Loading samples…</p>}
        {list.isError && (
          <p role="alert" className="p-4 text-ok-problem-ink">
            Could not load samples: {list.error.message}
          </p>
        )}
        {list.isSuccess && rows.length === 0 && (
          <p className="p-4 text-slate-600">
            No samples match. A curator can import a benchmark file (
            <code>npm run cli -- import ptbxl.jsonl</code>), or clear the filters.
          </p>
        )}
        {rows.length > 0 && (
          <table className="w-full border-collapse text-left">
            <thead className="sticky top-0 bg-slate-100 text-xs uppercase tracking-wide text-slate-600">
              <tr>
                <th className="px-4 py-1.5">Sample</th>
                <th className="px-2 py-1.5">Source</th>
                <th className="px-2 py-1.5">ECG</th>
                <th className="px-2 py-1.5">Diagnosis</th>
                <th className="px-2 py-1.5">Label</th>
                <th className="px-2 py-1.5">Path</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id} className="border-b border-slate-100 hover:bg-sky-50">
                  <td className="px-4 py-1">
                    <Link
                      className="text-ok-selected underline"
                      to={withSampleFilters(`/samples/${row.id}`, filters)}
                    >
                      #{row.metadata.id}
                    </Link>
                  </td>
                  <td className="px-2 py-1">{row.metadata.data_source}</td>
                  <td className="px-2 py-1">{row.metadata.ecg_id}</td>
                  <td className="px-2 py-1">{targetDxName(row.metadata.target_dx)}</td>
                  <td className="px-2 py-1">{row.metadata.dx_label ? 'present' : 'absent'}</td>
                  <td className="px-2 py-1">{row.metadata.path_idx}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {list.hasNextPage && (
          <button
            type="button"
            className="m-4 rounded border border-slate-300 px-3 py-1 hover:bg-slate-100"
            disabled={list.isFetchingNextPage}
            onClick={() => void list.fetchNextPage()}
          >
            {list.isFetchingNextPage ? 'Loading…' : `Show more (${rows.length} shown)`}
          </button>
        )}
      </div>
    </div>
  );
}
