/**
 * The merge view a 412 opens: someone saved another version while I edited. What only one side
 * changed is merged already; each question both changed is shown mine beside theirs, to choose.
 * Nothing is discarded without a choice, and an undo brings my draft back after any of them.
 */
import { useMemo, useState } from 'react';
import { mergeSamples, resolveMerge } from '../../../domain/benchmark/edit';
import type { PendingMerge } from '../chain-editor-store';

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

/** The merge of my draft with theirs; its buttons answer the autosaver with the content to save. */
export function MergeView({ merge }: { merge: PendingMerge }) {
  const { base, mine, theirs, theirsVersion, resolve } = merge;
  const result = useMemo(() => mergeSamples(base, mine, theirs), [base, mine, theirs]);
  const [choices, setChoices] = useState<Record<string, 'mine' | 'theirs'>>({});
  const undecided = result.conflicts.filter((c) => !choices[c.key]).length;
  return (
    <section
      className="mb-2 rounded border-2 border-[#D55E00] bg-orange-50 p-2 text-[13px]"
      aria-label="Merge view"
      data-testid="merge-view"
    >
      <h2 className="font-semibold">
        Conflict: someone saved version {theirsVersion} while you edited
      </h2>
      <p className="mt-0.5">
        {result.fromTheirs.length > 0
          ? `Their changes to ${result.fromTheirs.join(', ')} are kept. `
          : ''}
        {result.fromMine.length > 0
          ? `Your changes to ${result.fromMine.join(', ')} are merged into theirs. `
          : ''}
        {result.conflicts.length === 0
          ? 'Nothing else clashes.'
          : `${base ? 'Both of you changed' : 'You differ in'} ${result.conflicts.length} part${result.conflicts.length === 1 ? '' : 's'}: choose for each.`}
      </p>
      <ul className="mt-1 space-y-1.5">
        {result.conflicts.map((c) => (
          <li key={c.key} className="rounded border border-slate-300 bg-white p-1.5">
            <fieldset>
              <legend className="font-semibold">{c.label}</legend>
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
            </fieldset>
          </li>
        ))}
      </ul>
      <div className="mt-2 flex flex-wrap gap-1">
        <button
          type="button"
          disabled={undecided > 0}
          className="rounded border border-[#0072B2] bg-[#0072B2] px-2 text-white disabled:opacity-40"
          onClick={() => resolve(resolveMerge(base, mine, theirs, choices))}
        >
          Save the merge{undecided > 0 ? ` (${undecided} to choose)` : ''}
        </button>
        <button
          type="button"
          className="rounded border border-slate-400 bg-white px-2"
          onClick={() => resolve(mine)}
        >
          Keep all mine
        </button>
        <button
          type="button"
          className="rounded border border-slate-400 bg-white px-2"
          onClick={() => resolve(theirs)}
        >
          Take all theirs
        </button>
      </div>
    </section>
  );
}
