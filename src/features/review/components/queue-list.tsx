/**
 * A reviewer's queue as one virtualised list (thousands of rows, only those in view in the page):
 * arrows, Page Up/Down, Home/End move the active row, Enter or a click opens it.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { KeyCommand, Keymap } from '../../../components/keymap/keymap';
import { useKeymap } from '../../../components/keymap/use-keymap';
import { Kbd } from '../../../components/ui/kbd';
import { targetDxName } from '../../../domain/benchmark/target-dx-names';
import type { QueueItem } from '../../../schemas/api/review-queue';

/** Row height in CSS px (fixed: the list is sized without measuring rows). */
const ROW_PX = 30;
const PAGE_ROWS = 15;

/** What the queue keys act on. */
interface QueueKeyContext {
  move(delta: number): void;
  moveTo(index: number): void;
  openActive(): void;
}

const QUEUE_SCOPE = 'queue';

const QUEUE_KEYMAP: Keymap<QueueKeyContext> = {
  id: 'queue',
  title: 'Queue (list focused)',
  order: 0,
  commands: [
    {
      id: 'queue.move',
      scope: QUEUE_SCOPE,
      keys: ['ArrowDown', 'ArrowUp', 'j', 'k'],
      display: ['↓', '↑', 'J', 'K'],
      label: 'Next / previous sample',
      run: (ctx, e) => ctx.move(e.key === 'ArrowDown' || e.key.toLowerCase() === 'j' ? 1 : -1),
    },
    {
      id: 'queue.page',
      scope: QUEUE_SCOPE,
      keys: ['PageDown', 'PageUp'],
      label: 'A page down / up',
      run: (ctx, e) => ctx.move(e.key === 'PageDown' ? PAGE_ROWS : -PAGE_ROWS),
    },
    {
      id: 'queue.ends',
      scope: QUEUE_SCOPE,
      keys: ['Home', 'End'],
      label: 'First / last sample',
      run: (ctx, e) => ctx.moveTo(e.key === 'Home' ? 0 : Number.MAX_SAFE_INTEGER),
    },
    {
      id: 'queue.open',
      scope: QUEUE_SCOPE,
      keys: ['Enter'],
      label: 'Open the sample',
      run: (ctx) => ctx.openActive(),
    },
  ] satisfies KeyCommand<QueueKeyContext>[],
};

/** A queue row's verdict in words and a mark (never colour alone). */
function VerdictCell({ verdict }: { verdict: QueueItem['verdict'] }) {
  if (verdict === 'pass') return <span className="text-[#007a5a]">✓ passed</span>;
  if (verdict === 'flag') return <span className="text-[#b34700]">⚑ flagged</span>;
  return <span className="text-slate-600">open</span>;
}

const ROW_GRID = 'grid-cols-[4rem_8rem_minmax(0,1fr)_6rem_4rem_7rem_7rem]';

/** One row; memoised, so a scroll renders only the rows that come into view. */
const QueueRow = memo(function QueueRow({
  item,
  index,
  top,
  height,
  active,
  onPick,
}: {
  item: QueueItem;
  index: number;
  top: number;
  height: number;
  active: boolean;
  onPick: (index: number) => void;
}) {
  return (
    <div
      id={`queue-row-${item.sampleId}`}
      role="option"
      aria-selected={active}
      aria-label={`${index + 1}. ${item.ref}, ${targetDxName(item.targetDx)}, ${item.preflagCount} pre-flags, ${item.verdict ?? 'open'}`}
      data-testid="queue-row"
      onClick={() => onPick(index)}
      className={`absolute left-0 grid w-full cursor-pointer ${ROW_GRID} items-center gap-2 border-b border-slate-100 px-3 ${active ? 'bg-sky-100 outline outline-2 -outline-offset-2 outline-[#0072B2]' : 'hover:bg-slate-50'}`}
      style={{ top, height }}
    >
      <span className="tabular-nums text-slate-600">{index + 1}</span>
      <span className="font-medium">{item.ref}</span>
      <span className="truncate">{targetDxName(item.targetDx)}</span>
      <span>{item.dxLabel ? 'present' : 'absent'}</span>
      <span className="tabular-nums">{item.pathIdx}</span>
      <span>
        {item.preflagCount > 0 ? (
          <span className="rounded bg-orange-100 px-1 font-medium text-[#8a3a00]">
            ⚠ {item.preflagCount}
          </span>
        ) : (
          <span className="text-slate-600">none</span>
        )}
      </span>
      <VerdictCell verdict={item.verdict} />
    </div>
  );
});

/** The virtualised queue; `initialIndex` is the row active at first (the first to judge). */
export function QueueList({
  items,
  initialIndex,
  onOpen,
  label,
}: {
  items: readonly QueueItem[];
  initialIndex: number;
  onOpen: (item: QueueItem) => void;
  label: string;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(() => Math.max(0, initialIndex));
  const clamped = Math.min(active, Math.max(0, items.length - 1));
  // The app is not built with the React Compiler; nothing here is memoised over the virtualizer
  // but the key context, which lists it as a dependency.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_PX,
    overscan: 12,
  });

  // The first active row is in view, and the list has focus: the keys work at once.
  const [initial] = useState(() => Math.max(0, initialIndex));
  useEffect(() => {
    virtualizer.scrollToIndex(initial, { align: 'center' });
    scrollRef.current?.focus({ preventScroll: true });
  }, [virtualizer, initial]);

  const context = useMemo<QueueKeyContext>(
    () => ({
      move: (delta) => {
        const next = Math.min(Math.max(0, clamped + delta), items.length - 1);
        setActive(next);
        virtualizer.scrollToIndex(next, { align: 'auto' });
      },
      moveTo: (index) => {
        const next = Math.min(Math.max(0, index), items.length - 1);
        setActive(next);
        virtualizer.scrollToIndex(next, { align: 'auto' });
      },
      openActive: () => {
        const item = items[clamped];
        if (item) onOpen(item);
      },
    }),
    [clamped, items, onOpen, virtualizer],
  );
  useKeymap(QUEUE_KEYMAP, context, { element: scrollRef, elementScopes: [QUEUE_SCOPE] });

  const pick = useCallback(
    (index: number) => {
      setActive(index);
      const item = items[index];
      if (item) onOpen(item);
    },
    [items, onOpen],
  );

  const activeItem = items[clamped];
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div
        className={`grid ${ROW_GRID} gap-2 border-b border-slate-300 bg-slate-100 px-3 py-1 text-[12px] font-semibold uppercase tracking-wide text-slate-600`}
        aria-hidden="true"
      >
        <span>#</span>
        <span>Sample</span>
        <span>Diagnosis</span>
        <span>Label</span>
        <span>Path</span>
        <span>Pre-flags</span>
        <span>Verdict</span>
      </div>
      <div
        ref={scrollRef}
        role="listbox"
        aria-label={label}
        aria-activedescendant={activeItem ? `queue-row-${activeItem.sampleId}` : undefined}
        tabIndex={0}
        className="min-h-0 flex-1 overflow-auto bg-white"
        data-testid="queue-list"
      >
        <div className="relative w-full" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => (
            <QueueRow
              key={items[row.index]!.sampleId}
              item={items[row.index]!}
              index={row.index}
              top={row.start}
              height={row.size}
              active={row.index === clamped}
              onPick={pick}
            />
          ))}
        </div>
      </div>
      <p className="border-t border-slate-200 bg-white px-3 py-1 text-[12px] text-slate-600">
        List focused: <Kbd>↑</Kbd> <Kbd>↓</Kbd> move · <Kbd>PgUp</Kbd> <Kbd>PgDn</Kbd> page ·{' '}
        <Kbd>Home</Kbd> <Kbd>End</Kbd> ends · <Kbd>Enter</Kbd> open
      </p>
    </div>
  );
}
