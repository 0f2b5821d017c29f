/** The open flags, oldest first: the selected one is marked and kept in view (arrows, J/K move it). */
import { dxLabelWord } from '../../../domain/benchmark/target-dx-names';
import { useEffect, useRef } from 'react';
import { FLAG_REASON_NAMES } from '../../../domain/review/flag-reason-names';
import type { BoardFlag } from '../../../schemas/api/curation';
import { dxName } from './flag-groups';

/** Where in the sample a flag points: the whole sample or one step. */
export const flagPlace = (f: BoardFlag) =>
  f.stepIdx === null ? 'sample' : `step ${f.stepIdx + 1}`;

/** A table of flags; a click selects a row. */
export function FlagList({
  flags,
  selectedId,
  onSelect,
}: {
  flags: readonly BoardFlag[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const selectedRow = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    // A block body: scrollIntoView returns a promise in newer browsers, which is no cleanup.
    void selectedRow.current?.scrollIntoView({ block: 'nearest' });
  }, [selectedId]);
  if (flags.length === 0) return <p className="text-slate-600">No open flags in this view.</p>;
  return (
    <div
      // Scrolls: the keyboard reaches it (arrows move the selection from anywhere on the page).
      tabIndex={0}
      aria-label="Open flags, scrollable"
      role="region"
      className="max-h-[22rem] overflow-auto rounded border border-slate-200"
    >
      <table className="w-full border-collapse text-left text-[13px]" aria-label="Open flags">
        <thead className="sticky top-0 bg-slate-100">
          <tr>
            <th className="px-2 py-1 font-medium">Sample</th>
            <th className="px-2 py-1 font-medium">Diagnosis</th>
            <th className="px-2 py-1 font-medium">Label, path</th>
            <th className="px-2 py-1 font-medium">Where</th>
            <th className="px-2 py-1 font-medium">Reasons</th>
            <th className="px-2 py-1 font-medium">Comment</th>
          </tr>
        </thead>
        <tbody>
          {flags.map((f) => {
            const selected = f.id === selectedId;
            return (
              <tr
                key={f.id}
                ref={selected ? selectedRow : undefined}
                aria-current={selected ? 'true' : undefined}
                data-testid="flag-row"
                onClick={() => onSelect(f.id)}
                className={`cursor-pointer border-t border-slate-100 ${selected ? 'bg-sky-50 shadow-[inset_3px_0_0_#0072B2]' : 'hover:bg-slate-50'}`}
              >
                <td className="px-2 py-0.5 font-medium whitespace-nowrap tabular-nums">
                  {f.sample.key}
                </td>
                <td className="px-2 py-0.5">{dxName(f.sample.targetDx)}</td>
                <td className="px-2 py-0.5 whitespace-nowrap">
                  {dxLabelWord(f.sample.dxLabel)}, path {f.sample.pathIdx}
                </td>
                <td className="px-2 py-0.5 whitespace-nowrap">{flagPlace(f)}</td>
                <td className="px-2 py-0.5">
                  {f.reasons.map((r) => FLAG_REASON_NAMES[r]).join(', ')}
                </td>
                <td className="max-w-64 truncate px-2 py-0.5" title={f.comment}>
                  {f.comment}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
