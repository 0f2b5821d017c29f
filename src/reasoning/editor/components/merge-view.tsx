/**
 * The merge view a 412 opens: someone saved another version while I edited. What only one side
 * changed is merged already; each question both changed is shown mine beside theirs, to choose.
 * Nothing is discarded without a choice, and an undo brings my draft back after any of them.
 */
import { useMemo, useState } from 'react';
import { mergeSamples, resolveMerge } from '../../../domain/benchmark/edit';
import type { SampleResponse } from '../../../schemas/api/samples';
import type { BenchmarkSampleV002 } from '../../../schemas/benchmark-sample';
import type { ChainEditorStore } from '../chain-editor-store';

/** A part of a sample in a line or two: a question's text and answer, or steps counted. */
function preview(value: unknown): string {
  if (Array.isArray(value)) {
    const items = value as { question?: string; answer?: unknown }[];
    return `${items.length} item${items.length === 1 ? '' : 's'}: ${items.map((q) => q.question ?? '…').join(' / ')}`;
  }
  const q = value as { question?: string; answer?: unknown };
  if (q && typeof q.question === 'string')
    return `${q.question} → ${Array.isArray(q.answer) ? q.answer.join(', ') : String(q.answer)}`;
  return JSON.stringify(value);
}

/** The merge of my draft (edited from `base`) with `theirs`. */
export function MergeView({
  editor,
  base,
  mine,
  theirs,
}: {
  editor: ChainEditorStore;
  base: BenchmarkSampleV002;
  mine: BenchmarkSampleV002;
  theirs: SampleResponse;
}) {
  const merge = useMemo(() => mergeSamples(base, mine, theirs.sample), [base, mine, theirs]);
  const [choices, setChoices] = useState<Record<string, 'mine' | 'theirs'>>({});
  const undecided = merge.conflicts.filter((c) => !choices[c.key]).length;
  return (
    <section
      className="rounded border-2 border-[#D55E00] bg-orange-50 p-2 text-[13px]"
      aria-label="Merge view"
      data-testid="merge-view"
    >
      <h2 className="font-semibold">
        Conflict: someone saved version {theirs.version} while you edited
      </h2>
      <p className="mt-0.5">
        {merge.fromMine.length > 0
          ? `Your changes to ${merge.fromMine.join(', ')} are merged into theirs. `
          : ''}
        {merge.conflicts.length === 0
          ? 'Nothing else clashes.'
          : `Both of you changed ${merge.conflicts.length} part${merge.conflicts.length === 1 ? '' : 's'}: choose for each.`}
      </p>
      <ul className="mt-1 space-y-1.5">
        {merge.conflicts.map((c) => (
          <li key={c.key} className="rounded border border-slate-300 bg-white p-1.5">
            <p className="font-semibold">{c.label}</p>
            {(['mine', 'theirs'] as const).map((side) => (
              <label key={side} className="mt-0.5 flex items-start gap-1.5">
                <input
                  type="radio"
                  name={`merge-${c.key}`}
                  checked={choices[c.key] === side}
                  onChange={() => setChoices((x) => ({ ...x, [c.key]: side }))}
                />
                <span>
                  <span className="font-medium">{side === 'mine' ? 'Mine' : 'Theirs'}:</span>{' '}
                  {preview(side === 'mine' ? c.mine : c.theirs)}
                </span>
              </label>
            ))}
          </li>
        ))}
      </ul>
      <div className="mt-2 flex flex-wrap gap-1">
        <button
          type="button"
          disabled={undecided > 0}
          className="rounded border border-[#0072B2] bg-[#0072B2] px-2 text-white disabled:opacity-40"
          onClick={() =>
            editor.getState().takeMerged(theirs, resolveMerge(base, mine, theirs.sample, choices))
          }
        >
          Save the merge{undecided > 0 ? ` (${undecided} to choose)` : ''}
        </button>
        <button
          type="button"
          className="rounded border border-slate-400 bg-white px-2"
          onClick={() => editor.getState().keepMine(theirs)}
        >
          Keep all mine
        </button>
        <button
          type="button"
          className="rounded border border-slate-400 bg-white px-2"
          onClick={() => editor.getState().takeTheirs(theirs)}
        >
          Take all theirs (undo brings mine back)
        </button>
      </div>
    </section>
  );
}
