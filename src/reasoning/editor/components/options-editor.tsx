/**
 * A question's options, each with its right-answer control (a radio, or a checkbox where the
 * answer is a set of leads), its text, and buttons to move or delete it; the right answer follows
 * its option through every change (domain/benchmark/edit).
 */
import type { AnyQuestion, QuestionProblems, QuestionRef } from '../../../domain/benchmark/edit';
import {
  chooseAnswer,
  deleteOption,
  insertOption,
  isSetAnswer,
  moveOption,
  questionPath,
  rightIndices,
  setOptionText,
} from '../../../domain/benchmark/edit';
import { formatPath } from '../../../schemas/issues';
import { optionLetter } from '../../grounding-overlays';
import type { ChainEditorStore } from '../chain-editor-store';
import { FieldProblems } from './field-problems';

const iconButton =
  'rounded border border-slate-300 bg-white px-1 text-[12px] leading-5 hover:bg-slate-100 disabled:opacity-30';

/** The options of one question, editable; `fixed` options (Yes/No, decisions) are only chosen. */
export function OptionsEditor({
  editor,
  questionRef,
  question,
  title,
  problems,
  fixed,
  readOnly,
  addLabel = 'Add option',
}: {
  editor: ChainEditorStore;
  questionRef: QuestionRef;
  question: AnyQuestion;
  /** Names the question in accessible names ("Step 1 criterion"). */
  title: string;
  problems: QuestionProblems;
  fixed: boolean;
  readOnly: boolean;
  addLabel?: string;
}) {
  const right = new Set(rightIndices(question));
  const multi = isSetAnswer(question);
  const key = formatPath(questionPath(questionRef));
  const apply = editor.getState().apply;
  const n = question.options.length;
  return (
    <div className="mt-1">
      <ol className="space-y-0.5" aria-label={`${title} options`}>
        {question.options.map((text, i) => {
          const letter = optionLetter(i);
          const isRight = right.has(i);
          return (
            <li key={i} data-testid="option-row">
              <div
                className={`flex items-center gap-1 rounded px-0.5 ${isRight ? 'bg-emerald-50' : ''}`}
              >
                <input
                  type={multi ? 'checkbox' : 'radio'}
                  name={multi ? undefined : `${key}-answer`}
                  checked={isRight}
                  disabled={readOnly}
                  data-answer-control
                  aria-label={
                    multi
                      ? `${title}: ${text || `option ${letter}`} is a right answer`
                      : `${title}: option ${letter} is the right answer`
                  }
                  onChange={() => apply((s) => chooseAnswer(s, questionRef, i))}
                  className="accent-[#009E73]"
                />
                <span className="w-3 shrink-0 font-mono text-[12px] text-slate-500">{letter}</span>
                <span className="w-3 shrink-0 text-[#00603f]" aria-hidden>
                  {isRight ? '✓' : ''}
                </span>
                {fixed ? (
                  <span className={isRight ? 'font-medium text-[#00603f]' : ''}>{text}</span>
                ) : (
                  <textarea
                    value={text}
                    rows={1}
                    readOnly={readOnly}
                    aria-label={`${title} option ${letter}`}
                    // One line of text that wraps to show all of it: Enter does not break it.
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') e.preventDefault();
                    }}
                    onChange={(e) =>
                      apply(
                        (s) => setOptionText(s, questionRef, i, e.target.value.replace(/\n/g, ' ')),
                        `${key}.o${i}`,
                      )
                    }
                    className={`field-sizing-content min-w-0 flex-1 resize-none rounded border px-1 py-0.5 text-[13px] tabular-nums ${problems.option.get(i)?.some((p) => p.severity === 'error') ? 'border-[#D55E00]' : 'border-slate-300'}`}
                  />
                )}
                {!fixed && !readOnly && (
                  <span className="flex shrink-0 gap-0.5">
                    <button
                      type="button"
                      className={iconButton}
                      disabled={i === 0}
                      aria-label={`Move ${title} option ${letter} up`}
                      onClick={() => apply((s) => moveOption(s, questionRef, i, i - 1))}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className={iconButton}
                      disabled={i === n - 1}
                      aria-label={`Move ${title} option ${letter} down`}
                      onClick={() => apply((s) => moveOption(s, questionRef, i, i + 1))}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className={iconButton}
                      aria-label={`Delete ${title} option ${letter}`}
                      onClick={() => apply((s) => deleteOption(s, questionRef, i))}
                    >
                      ×
                    </button>
                  </span>
                )}
              </div>
              <FieldProblems problems={problems.option.get(i) ?? []} />
            </li>
          );
        })}
      </ol>
      <FieldProblems problems={[...problems.options, ...problems.answer]} />
      {!fixed && !readOnly && (
        <button
          type="button"
          className="mt-1 rounded border border-dashed border-slate-400 px-1.5 text-[12px] text-slate-700 hover:bg-slate-100"
          onClick={() => apply((s) => insertOption(s, questionRef, n, ''))}
        >
          + {addLabel}
        </button>
      )}
    </div>
  );
}
