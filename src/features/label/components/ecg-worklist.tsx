/** /ecgs: every ECG of the workspace, filtered and sorted, virtualised, walked by keyboard. */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { Keymap } from '../../../components/keymap/keymap';
import { useKeymap } from '../../../components/keymap/use-keymap';
import { Kbd } from '../../../components/ui/kbd';
import { Message } from '../../../components/ui/message';
import type { WorklistRow } from '../../../schemas/api/label-workbench';
import { useWorklist } from '../api/worklist';
import { rowKey, useWorklistStore } from '../worklist-store';
import type { WorklistFilters, WorklistSort } from '../worklist-view';
import { ecgPath, progressText, visibleRows } from '../worklist-view';

const ROW_PX = 28;
const LIST_SCOPE = 'ecg-worklist';
const COLUMNS = 'grid grid-cols-[6rem_6rem_5rem_7rem_5rem_5rem_7rem] items-center gap-2 px-3';

interface ListKeyContext {
  readonly move: (delta: number) => void;
  readonly open: () => void;
}

const worklistKeymap: Keymap<ListKeyContext> = {
  id: 'ecg-worklist',
  title: 'ECG worklist',
  order: 0,
  commands: [
    {
      id: 'worklist.down',
      scope: LIST_SCOPE,
      keys: ['ArrowDown', 'j'],
      label: 'Next ECG',
      run: (ctx) => ctx.move(1),
    },
    {
      id: 'worklist.up',
      scope: LIST_SCOPE,
      keys: ['ArrowUp', 'k'],
      label: 'Previous ECG',
      run: (ctx) => ctx.move(-1),
    },
    {
      id: 'worklist.page',
      scope: LIST_SCOPE,
      keys: ['PageDown', 'PageUp'],
      label: 'A page down / up',
      run: (ctx, e) => ctx.move(e.key === 'PageDown' ? 20 : -20),
    },
    {
      id: 'worklist.ends',
      scope: LIST_SCOPE,
      keys: ['Home', 'End'],
      label: 'First / last ECG',
      run: (ctx, e) => ctx.move(e.key === 'End' ? Infinity : -Infinity),
    },
    {
      id: 'worklist.open',
      scope: LIST_SCOPE,
      keys: ['Enter'],
      label: 'Open the ECG',
      run: (ctx) => ctx.open(),
    },
  ],
};

const STATUS_WORDS: Record<WorklistRow['myStatus'], string> = {
  none: 'none',
  draft: 'draft',
  submitted: 'submitted ✓',
};

function Select<V extends string>(props: {
  label: string;
  value: V;
  options: readonly (readonly [V, string])[];
  onChange: (value: V) => void;
}) {
  return (
    <label className="flex items-center gap-1 text-[13px]">
      {props.label}
      <select
        className="rounded border border-slate-300 bg-white px-1 py-0.5"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as V)}
      >
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

const NO_ROWS: readonly WorklistRow[] = [];

/** Progress, filters and sort: apart from the list, so scrolling does not re-render them. */
const WorklistHeader = memo(function WorklistHeader({ all }: { all: readonly WorklistRow[] }) {
  const { filters, sort, setFilters, setSort } = useWorklistStore();
  const done = useMemo(() => all.filter((row) => row.myStatus === 'submitted').length, [all]);
  return (
    <div className="flex flex-wrap items-center gap-3 border-b border-slate-300 bg-white px-3 py-2">
      <h1 className="font-semibold">ECGs to label</h1>
      <div className="flex items-center gap-2" data-testid="worklist-progress">
        <span className="tabular-nums">{progressText(all)}</span>
        <progress
          className="h-2 w-40"
          max={Math.max(1, all.length)}
          value={done}
          aria-label="Labelled"
        />
      </div>
      <Select<WorklistFilters['mine']>
        label="My label"
        value={filters.mine}
        onChange={(mine) => setFilters({ mine })}
        options={[
          ['all', 'any'],
          ['none', 'none'],
          ['draft', 'draft'],
          ['submitted', 'submitted'],
        ]}
      />
      <Select<WorklistFilters['source']>
        label="Source"
        value={filters.source}
        onChange={(source) => setFilters({ source })}
        options={[
          ['all', 'all'],
          ['ptbxl', 'PTB-XL'],
          ['mimic_iv_ecg', 'MIMIC-IV-ECG'],
        ]}
      />
      <Select<WorklistFilters['record']>
        label="Record"
        value={filters.record}
        onChange={(record) => setFilters({ record })}
        options={[
          ['all', 'any'],
          ['with', 'available'],
        ]}
      />
      <Select<WorklistFilters['checks']>
        label="Checks"
        value={filters.checks}
        onChange={(checks) => setFilters({ checks })}
        options={[
          ['all', 'any'],
          ['open', 'open warnings'],
        ]}
      />
      <label className="flex items-center gap-1 text-[13px]">
        ECG id
        <input
          className="w-24 rounded border border-slate-300 px-1 py-0.5"
          value={filters.search}
          onChange={(e) => setFilters({ search: e.target.value })}
          inputMode="numeric"
        />
      </label>
      <Select<WorklistSort>
        label="Sort"
        value={sort}
        onChange={setSort}
        options={[
          ['ecg', 'source, ECG id'],
          ['status', 'my label status'],
          ['samples', 'most samples'],
          ['checks', 'most open checks'],
        ]}
      />
      <span className="ml-auto text-[12px] text-slate-600">
        <Kbd>↑</Kbd>
        <Kbd>↓</Kbd> move · <Kbd>Enter</Kbd> open
      </span>
    </div>
  );
});

/** The labelling worklist. */
export function EcgWorklist() {
  const query = useWorklist();
  const navigate = useNavigate();
  const { filters, sort, current, setCurrent, setOrder } = useWorklistStore();
  const rows = useMemo(
    () => visibleRows(query.data?.items ?? [], filters, sort),
    [query.data, filters, sort],
  );
  const listRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);

  useEffect(() => {
    setOrder(rows.map(rowKey));
    // Come back to the ECG last opened.
    const at = current ? rows.findIndex((row) => rowKey(row) === current) : -1;
    setActive(at >= 0 ? at : 0);
  }, [rows, current, setOrder]);

  // The virtualiser re-renders this component itself on scroll; nothing here is memoised by it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
  });
  useEffect(() => {
    if (rows.length > 0) virtualizer.scrollToIndex(active, { align: 'auto' });
  }, [active, rows.length, virtualizer]);
  useEffect(() => {
    if (query.data) listRef.current?.focus();
  }, [query.data]);

  const open = (row: WorklistRow | undefined) => {
    if (!row) return;
    setCurrent(rowKey(row));
    void navigate(ecgPath(row));
  };
  useKeymap(
    worklistKeymap,
    {
      move: (delta) => setActive((i) => Math.max(0, Math.min(rows.length - 1, i + delta))),
      open: () => open(rows[active]),
    },
    { element: listRef, elementScopes: [LIST_SCOPE] },
  );

  const all = query.data?.items ?? NO_ROWS;
  const activeRow = rows[active];
  return (
    <div className="flex h-full min-h-0 flex-col text-[14px]" data-testid="ecg-worklist">
      <WorklistHeader all={all} />
      {query.error ? (
        <div className="p-4">
          <Message tone="error" title="The worklist could not be loaded">
            {query.error.message}
          </Message>
        </div>
      ) : query.data && all.length === 0 ? (
        <div className="p-4">
          <Message tone="info" title="No ECGs in this workspace yet">
            Import a benchmark file (its ECGs join the worklist) or point RECORDS_DIR at a records
            folder and import its samples.
          </Message>
        </div>
      ) : (
        <>
          <div
            className={`${COLUMNS} border-b border-slate-300 bg-slate-100 py-1 text-[12px] font-semibold text-slate-700`}
            aria-hidden="true"
          >
            <span>Source</span>
            <span>ECG id</span>
            <span>Record</span>
            <span>My label</span>
            <span>Others</span>
            <span>Samples</span>
            <span>Open checks</span>
          </div>
          <div
            ref={listRef}
            role="listbox"
            aria-label={`ECGs (${rows.length.toLocaleString('en-US')} shown)`}
            aria-activedescendant={activeRow ? `ecg-row-${active}` : undefined}
            tabIndex={0}
            className="min-h-0 flex-1 overflow-y-auto bg-white outline-none focus-visible:ring-2 focus-visible:ring-[#0072B2]"
            data-testid="worklist-list"
          >
            <div style={{ height: virtualizer.getTotalSize() }} className="relative">
              {virtualizer.getVirtualItems().map((item) => {
                const row = rows[item.index]!;
                const selected = item.index === active;
                return (
                  <div
                    key={rowKey(row)}
                    id={`ecg-row-${item.index}`}
                    role="option"
                    aria-selected={selected}
                    aria-label={`${row.source} ECG ${row.ecgId}, my label ${row.myStatus}, ${row.openChecks} open checks`}
                    onClick={() => setActive(item.index)}
                    onDoubleClick={() => open(row)}
                    className={`${COLUMNS} absolute left-0 w-full cursor-default border-b border-slate-100 tabular-nums ${
                      selected ? 'bg-[#0072B2] text-white' : 'hover:bg-slate-50'
                    }`}
                    style={{ height: ROW_PX, transform: `translateY(${item.start}px)` }}
                  >
                    <span>{row.source === 'ptbxl' ? 'PTB-XL' : 'MIMIC-IV'}</span>
                    <span>{row.ecgId}</span>
                    <span>{row.recordAvailable ? 'yes' : 'missing'}</span>
                    <span>{STATUS_WORDS[row.myStatus]}</span>
                    <span>{row.othersLabels}</span>
                    <span>{row.samples}</span>
                    <span>{row.openChecks > 0 ? `⚠ ${row.openChecks}` : '0'}</span>
                  </div>
                );
              })}
            </div>
          </div>
        </>
      )}
    </div>
  );
}
