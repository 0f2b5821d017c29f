/** One question in the editor: its text, its options with the right answer, and the rules beside each. */
import type { ReactNode } from 'react';
import type { AnyQuestion, QuestionProblems, QuestionRef } from '../../../domain/benchmark/edit';
import { questionPath, setQuestionText } from '../../../domain/benchmark/edit';
import { formatPath } from '../../../schemas/issues';
import type { ChainEditorStore } from '../chain-editor-store';
import { FieldProblems } from './field-problems';
import { OptionsEditor } from './options-editor';

/** A question's card; `extra` goes between the text and the options (hints, a proposal). */
export function QuestionCard({
  editor,
  questionRef,
  question,
  title,
  heading,
  problems,
  fixed,
  readOnly,
  extra,
  actions,
  addLabel,
  level,
}: {
  editor: ChainEditorStore;
  questionRef: QuestionRef;
  question: AnyQuestion;
  /** Names the question in accessible names ("Step 1 criterion"). */
  title: string;
  /** The visible heading. */
  heading: ReactNode;
  problems: QuestionProblems;
  fixed: boolean;
  readOnly: boolean;
  extra?: ReactNode;
  actions?: ReactNode;
  addLabel?: string;
  /** The heading's level in the panel's outline (2: the initial question; 3: a step's part; 4: a grounding question). */
  level: 2 | 3 | 4;
}) {
  const Heading = `h${level}` as const;
  const key = formatPath(questionPath(questionRef));
  return (
    <section className="mt-2" data-question={key}>
      <div className="flex items-center gap-1">
        <Heading className="text-[11px] font-semibold tracking-wide text-slate-600 uppercase">
          {heading}
        </Heading>
        <span className="ml-auto flex gap-1">{actions}</span>
      </div>
      <FieldProblems problems={problems.other} />
      <textarea
        value={question.question}
        readOnly={readOnly}
        rows={2}
        aria-label={`${title} question`}
        onChange={(e) =>
          editor
            .getState()
            .apply((s) => setQuestionText(s, questionRef, e.target.value), `${key}.q`)
        }
        className={`mt-0.5 block w-full resize-y rounded border px-1 py-0.5 text-[13px] ${problems.question.some((p) => p.severity === 'error') ? 'border-[#D55E00]' : 'border-slate-300'}`}
      />
      <FieldProblems problems={problems.question} />
      {extra}
      <OptionsEditor
        editor={editor}
        questionRef={questionRef}
        question={question}
        title={title}
        problems={problems}
        fixed={fixed}
        readOnly={readOnly}
        addLabel={addLabel}
      />
    </section>
  );
}
