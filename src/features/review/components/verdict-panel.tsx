/**
 * The reviewer's panel over the steps: the verdict as saved, the keys that give one, the flag
 * editor (reasons by number, a comment), the step verdicts so far and the sample's comment.
 */
import type { RefObject } from 'react';
import { useStore } from 'zustand';
import { Button } from '../../../components/ui/button';
import { Kbd } from '../../../components/ui/kbd';
import type { FlagReason, Verdict } from '../../../schemas/api/review';
import { FLAG_REASONS } from '../../../schemas/api/review';
import type { ReviewDraftStore } from '../review-draft-store';
import type { ReviewActions } from '../use-review-actions';
import { setComment } from '../verdict-draft';

/** Each reason as the reviewer reads it, in key order (1-7). */
export const REASON_WORDS: Readonly<Record<FlagReason, string>> = {
  wrong_answer: 'Wrong answer',
  ambiguous_distractor: 'Ambiguous distractor',
  grounding_window_misses_beat: 'Grounding window misses the wave',
  measurement_outside_range: 'Measurement outside the range',
  wording: 'Wording',
  signal_quality: 'Signal quality',
  other: 'Other',
};

const reasonList = (reasons: readonly FlagReason[]) =>
  reasons.map((r) => REASON_WORDS[r]).join(', ');

/** The saved verdict in words. */
function SavedVerdict({ saved }: { saved: Verdict | null | undefined }) {
  if (saved === undefined) return <span className="text-slate-600">Loading…</span>;
  if (saved === null) return <span className="text-slate-700">No verdict yet</span>;
  return saved.verdict === 'pass' ? (
    <span className="font-semibold text-[#007a5a]">✓ Passed (version {saved.version})</span>
  ) : (
    <span className="font-semibold text-[#b34700]">
      ⚑ Flagged: {reasonList(saved.reasons)} (version {saved.version})
    </span>
  );
}

/** Ends typing in a comment box on Enter (Shift+Enter: a new line) or Esc; the page keys resume. */
function endOnEnterOrEscape(e: React.KeyboardEvent<HTMLTextAreaElement>) {
  if (e.key === 'Escape' || (e.key === 'Enter' && !e.shiftKey)) {
    e.preventDefault();
    e.currentTarget.blur();
  }
}

/** The verdict panel of the review screen. */
export function VerdictPanel({
  store,
  saved,
  stepCount,
  actions,
  commentRef,
  closed,
}: {
  store: ReviewDraftStore;
  saved: Verdict | null | undefined;
  stepCount: number;
  actions: ReviewActions;
  commentRef: RefObject<HTMLTextAreaElement | null>;
  closed: boolean;
}) {
  const draft = useStore(store, (s) => s.draft);
  const notice = useStore(store, (s) => s.notice);
  const editor = draft.editor;
  const apply = store.getState().apply;
  const steps = Array.from({ length: stepCount }, (_, i) => i);

  return (
    <section
      aria-labelledby="verdict-title"
      className="mt-2 rounded border border-slate-300 bg-white p-2"
      data-testid="verdict-panel"
    >
      <div className="flex flex-wrap items-baseline gap-2">
        <h2 id="verdict-title" className="font-semibold">
          Your verdict
        </h2>
        <span data-testid="saved-verdict">
          <SavedVerdict saved={saved} />
        </span>
        {draft.unsaved && (
          <span className="text-[13px] font-medium text-slate-900">· changes not saved yet</span>
        )}
      </div>
      <div className="mt-1 flex flex-wrap gap-1">
        <Button shortcut="A" disabled={closed} onClick={actions.pass}>
          Pass
        </Button>
        <Button
          shortcut="F"
          disabled={closed}
          pressed={editor?.target === 'sample'}
          onClick={actions.flag}
        >
          Flag
        </Button>
        <Button shortcut="C" disabled={closed} onClick={actions.comment}>
          Comment
        </Button>
      </div>
      {notice && (
        <p className="mt-1 text-[13px] text-slate-800" data-testid="review-notice" role="status">
          {notice}
        </p>
      )}

      {editor && (
        <fieldset className="mt-2 rounded border border-[#D55E00] p-2" data-testid="flag-editor">
          <legend className="px-1 font-semibold">
            {editor.target === 'sample' ? 'Flag the sample' : `Flag step ${editor.target + 1}`}
          </legend>
          <ul className="grid grid-cols-1 gap-0.5">
            {FLAG_REASONS.map((reason, i) => {
              const on = editor.reasons.includes(reason);
              return (
                <li key={reason}>
                  <button
                    type="button"
                    aria-pressed={on}
                    onClick={() => actions.toggleReason(i + 1)}
                    className={`flex w-full items-center gap-2 rounded px-1 py-0.5 text-left ${on ? 'bg-orange-100 font-semibold' : 'hover:bg-slate-100'}`}
                  >
                    <Kbd>{i + 1}</Kbd>
                    <span aria-hidden="true" className="w-4">
                      {on ? '☑' : '☐'}
                    </span>
                    {REASON_WORDS[reason]}
                  </button>
                </li>
              );
            })}
          </ul>
          <label className="mt-1 block text-[13px] text-slate-700">
            Comment <Kbd>C</Kbd>
            <textarea
              ref={commentRef}
              value={editor.comment}
              onChange={(e) => apply((d) => setComment(d, e.target.value))}
              onKeyDown={endOnEnterOrEscape}
              rows={2}
              maxLength={4000}
              className="mt-0.5 block w-full rounded border border-slate-300 px-1 text-[14px] text-slate-900"
            />
          </label>
          <div className="mt-1 flex gap-1">
            <Button shortcut="Enter" onClick={() => actions.confirm()}>
              {editor.target === 'sample' ? 'Save the flag' : 'Keep the step flag'}
            </Button>
            <Button shortcut="Esc" onClick={() => actions.backOut()}>
              Cancel
            </Button>
          </div>
        </fieldset>
      )}

      {!editor && (
        <label className="mt-2 block text-[13px] text-slate-700">
          Comment on the sample <Kbd>C</Kbd>
          <textarea
            ref={commentRef}
            value={draft.comment}
            onChange={(e) => apply((d) => setComment(d, e.target.value))}
            onKeyDown={endOnEnterOrEscape}
            rows={1}
            maxLength={4000}
            disabled={closed}
            className="mt-0.5 block w-full rounded border border-slate-300 px-1 text-[14px] text-slate-900"
          />
        </label>
      )}

      {stepCount > 0 && (
        <div className="mt-2">
          <h3 className="text-[11px] font-semibold uppercase tracking-wide text-slate-600">
            Step verdicts{' '}
            <span className="normal-case">
              (open step: <Kbd>S</Kbd> then <Kbd>A</Kbd> or <Kbd>F</Kbd>)
            </span>
          </h3>
          <ul className="mt-0.5 space-y-0.5 text-[13px]" data-testid="step-verdicts">
            {steps.map((i) => {
              const step = draft.steps[i];
              return (
                <li key={i} className="flex items-center gap-1">
                  <span className="w-14 font-medium">Step {i + 1}</span>
                  <span className="min-w-0 flex-1 truncate">
                    {!step ? (
                      <span className="text-slate-600">not judged on its own</span>
                    ) : step.verdict === 'pass' ? (
                      <span className="text-[#007a5a]">✓ passed</span>
                    ) : (
                      <span className="text-[#b34700]">⚑ flagged: {reasonList(step.reasons)}</span>
                    )}
                  </span>
                  <Button
                    disabled={closed}
                    aria-label={`Pass step ${i + 1}`}
                    onClick={() => actions.passStep(i)}
                  >
                    Pass
                  </Button>
                  <Button
                    disabled={closed}
                    aria-label={`Flag step ${i + 1}`}
                    onClick={() => actions.flagStep(i)}
                  >
                    Flag
                  </Button>
                </li>
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
