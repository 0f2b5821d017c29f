/**
 * The curator's flag board (/curate): open flags grouped by diagnosis, source and reason (a
 * table and a chart), the flags one by one with the selected one's actions beside them, the
 * samples per cell (unchanged by any action) and the generated samples awaiting review.
 */
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { PAGE_SCOPE } from '../../../components/keymap/keymap';
import { useKeymap } from '../../../components/keymap/use-keymap';
import { Button } from '../../../components/ui/button';
import { Kbd } from '../../../components/ui/kbd';
import { Message } from '../../../components/ui/message';
import { ShortcutsDialog } from '../../../components/ui/shortcuts-dialog';
import { FLAG_REASON_NAMES } from '../../../domain/review/flag-reason-names';
import type { FlagBoard, FlagGroup } from '../../../schemas/api/curation';
import { useFlagBoard } from '../api/curation-api';
import { boardKeymap } from './board-keymap';
import { CellCounts } from './cell-counts';
import { FlagDetail, flagLinks } from './flag-detail';
import { FlagGroups, dxName, groupKey } from './flag-groups';
import { FlagList } from './flag-list';
import { GroupTable } from './group-table';

function AwaitingReview({ awaiting }: { awaiting: FlagBoard['awaitingReview'] }) {
  return (
    <section aria-labelledby="awaiting-title" className="mt-4" data-testid="awaiting-review">
      <h2 id="awaiting-title" className="font-semibold">
        Awaiting review ({awaiting.count})
      </h2>
      <p className="text-[12px] text-slate-600">
        Re-sampled and regenerated samples wait for a reviewer&apos;s clean pass (a review pass with
        the filter status &ldquo;review&rdquo;).
      </p>
      {awaiting.count === 0 ? (
        <p className="text-[13px] text-slate-600">None.</p>
      ) : (
        <ul className="mt-1 flex flex-wrap gap-x-3 text-[13px]">
          {awaiting.samples.map((s) => (
            <li key={s.id}>
              <Link className="underline" to={`/samples/${s.id}`}>
                {s.key}
              </Link>{' '}
              <span className="text-slate-600">
                ({dxName(s.targetDx)}, ECG {s.ecgId})
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Board({ board }: { board: FlagBoard }) {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const picked = params.get('group');
  const flags = useMemo(
    () =>
      picked
        ? board.flags.filter((f) => groupKey({ ...f.sample, reason: f.reason }) === picked)
        : board.flags,
    [board.flags, picked],
  );
  // By place in the list: when the selected flag closes, the next one takes its place.
  const [selectedIndex, setSelectedIndex] = useState(0);
  const [dismissing, setDismissing] = useState(false);
  const [keysOpen, setKeysOpen] = useState(false);
  const at = Math.min(selectedIndex, flags.length - 1);
  const selected = flags[at] ?? null;

  const pickGroup = (group: FlagGroup | null) => {
    setParams(group ? { group: groupKey(group) } : {}, { replace: true });
    setSelectedIndex(0);
    setDismissing(false);
  };
  const context = {
    move: (delta: number) => {
      if (flags.length === 0) return false;
      // From the latest index: key presses faster than renders each count.
      const last = flags.length - 1;
      setSelectedIndex((i) => Math.max(0, Math.min(last, Math.min(i, last) + delta)));
      setDismissing(false);
    },
    resample: () => (selected ? void navigate(flagLinks(selected).resample) : false),
    fixInPlace: () => (selected ? void navigate(flagLinks(selected).fix) : false),
    openSample: () => (selected ? void navigate(flagLinks(selected).open) : false),
    dismiss: () => (selected ? setDismissing(true) : false),
    back: () => {
      if (dismissing) return setDismissing(false);
      if (picked) return pickGroup(null);
      return false;
    },
    openKeys: () => setKeysOpen(true),
  };
  useKeymap(boardKeymap, context, { pageScopes: [PAGE_SCOPE] });

  const pickedGroup = board.groups.find((g) => groupKey(g) === picked);
  return (
    <div className="grid min-h-0 flex-1 grid-cols-[minmax(0,1fr)_26rem]">
      <div className="min-h-0 space-y-4 overflow-auto p-4">
        <section
          aria-labelledby="groups-title"
          className="grid gap-3 xl:grid-cols-[minmax(0,26rem)_minmax(0,1fr)]"
        >
          <div>
            <h2 id="groups-title" className="mb-1 font-semibold">
              Open flags by group
            </h2>
            <GroupTable groups={board.groups} picked={picked} onPick={pickGroup} />
          </div>
          {board.groups.length > 0 && <FlagGroups groups={board.groups} onPick={pickGroup} />}
        </section>
        <section aria-labelledby="flags-title">
          <div className="mb-1 flex items-baseline gap-2">
            <h2 id="flags-title" className="font-semibold">
              {pickedGroup
                ? `Flags: ${dxName(pickedGroup.targetDx)}, ${pickedGroup.dataSource}, ${FLAG_REASON_NAMES[pickedGroup.reason]}`
                : 'Every open flag'}{' '}
              ({flags.length})
            </h2>
            {pickedGroup && (
              <Button shortcut="Esc" onClick={() => pickGroup(null)}>
                Show every group
              </Button>
            )}
            {board.flags.length < board.openFlags && (
              <span className="text-[12px] text-slate-600">
                the oldest {board.flags.length} of {board.openFlags} are listed
              </span>
            )}
          </div>
          <FlagList
            flags={flags}
            selectedId={selected?.id ?? null}
            onSelect={(id) => {
              setSelectedIndex(flags.findIndex((f) => f.id === id));
              setDismissing(false);
            }}
          />
        </section>
        <section aria-labelledby="cells-title">
          <h2 id="cells-title" className="font-semibold">
            Samples per cell
          </h2>
          <p className="mb-1 text-[12px] text-slate-600">
            Source × diagnosis × label × path. No action on this board changes these counts: a
            re-sample keeps the sample&apos;s cell, a regeneration its sample.
          </p>
          <CellCounts cells={board.cells} />
        </section>
      </div>
      <aside
        className="min-h-0 overflow-auto border-l border-slate-300 bg-slate-50 p-3"
        aria-label="Selected flag"
      >
        <FlagDetail flag={selected} dismissing={dismissing} onDismissing={setDismissing} />
        <AwaitingReview awaiting={board.awaitingReview} />
        <p className="mt-4 text-[12px] text-slate-600">
          <Kbd>↑</Kbd>
          <Kbd>↓</Kbd> flag · <Kbd>Enter</Kbd> re-sample · <Kbd>E</Kbd> fix · <Kbd>D</Kbd> dismiss ·{' '}
          <Kbd>?</Kbd> all keys
        </p>
      </aside>
      <ShortcutsDialog open={keysOpen} onClose={() => setKeysOpen(false)} />
    </div>
  );
}

/** Route element for /curate. */
export function CurateBoardPage() {
  const board = useFlagBoard();
  return (
    <div className="flex h-full flex-col">
      <div className="flex flex-wrap items-baseline gap-4 border-b border-slate-200 bg-white px-4 py-2">
        <h1 className="text-base font-semibold">Curation board</h1>
        {board.data && (
          <span className="text-[13px] text-slate-700" data-testid="board-summary">
            {board.data.openFlags} open flag{board.data.openFlags === 1 ? '' : 's'} ·{' '}
            {board.data.awaitingReview.count} awaiting review
          </span>
        )}
        <Link className="ml-auto text-[13px] underline" to="/curate/regenerate">
          Regenerate a diagnosis…
        </Link>
      </div>
      {board.isPending && (
        <p className="p-4 text-slate-600" role="status">
          Loading the board…
        </p>
      )}
      {board.isError && (
        <div className="p-4">
          <Message tone="error" title="The board could not be loaded">
            {board.error.message}
          </Message>
        </div>
      )}
      {board.data && <Board board={board.data} />}
    </div>
  );
}
