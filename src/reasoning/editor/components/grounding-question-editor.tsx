/**
 * A grounding question in the editor: drawn on the plot when selected, with how to ground it
 * there (click leads, drag windows) and, for a measurement, the engine's proposed answer with
 * one key to accept it.
 */
import { useEffect, useRef } from 'react';
import type { QuestionProblems, QuestionRef } from '../../../domain/benchmark/edit';
import {
  chooseAnswer,
  deleteGrounding,
  proposeMeasurementAnswer,
} from '../../../domain/benchmark/edit';
import type { Measurements } from '../../../domain/measure/types';
import type { BenchmarkSampleV002, GroundingV002 } from '../../../schemas/benchmark-sample';
import { Kbd } from '../../../components/ui/kbd';
import { optionLetter } from '../../grounding-overlays';
import type { ChainEditorStore } from '../chain-editor-store';
import { QuestionCard } from './question-card';

const TYPE_TEXT = {
  lead_grounding: 'Leads',
  wave_grounding: 'Time window',
  measurement_grounding: 'Measurement',
} as const;

const HINT = {
  lead_grounding: 'Click leads on the plot to toggle them in the answer',
  wave_grounding: 'Drag along a lead to add a window; drag a band to move it, its edge to resize',
  measurement_grounding: null,
} as const;

/** The engine's proposal for a drawn measurement question, and its Accept button. */
function MeasurementProposalLine({
  editor,
  sample,
  questionRef,
  measurements,
  readOnly,
}: {
  editor: ChainEditorStore;
  sample: BenchmarkSampleV002;
  questionRef: Extract<QuestionRef, { kind: 'grounding' }>;
  measurements: Measurements | null;
  readOnly: boolean;
}) {
  if (!measurements) {
    return <p className="mt-1 text-[12px] text-slate-600">Measuring the record…</p>;
  }
  const p = proposeMeasurementAnswer(sample, questionRef, measurements);
  if (!p.ok) {
    return (
      <p className="mt-1 text-[12px] text-slate-600" data-testid="measurement-proposal">
        No proposal: {p.reason}.
      </p>
    );
  }
  const g = sample.data.reasoning[questionRef.step]!.ecg_grounding[questionRef.index]!;
  const option = `${optionLetter(p.optionIndex)} ${g.options[p.optionIndex]}`;
  return (
    <p
      className="mt-1 flex flex-wrap items-center gap-1 text-[12px]"
      data-testid="measurement-proposal"
    >
      <span>
        Engine: <strong className="tabular-nums">{`${p.value} ${p.unit}`}</strong> →{' '}
        {p.held ? option : `${option} (nearest: no option holds it)`}
      </span>
      {p.current ? (
        <span className="text-[#00603f]">✓ the answer</span>
      ) : (
        !readOnly && (
          <button
            type="button"
            className="rounded border border-[#0072B2] px-1.5 text-[#0072B2] hover:bg-sky-50"
            onClick={() =>
              editor.getState().apply((s) => chooseAnswer(s, questionRef, p.optionIndex))
            }
          >
            Accept <Kbd>A</Kbd>
          </button>
        )
      )}
    </p>
  );
}

/** One grounding question of a step, editable; selecting it draws it on the plot. */
export function GroundingQuestionEditor({
  editor,
  sample,
  grounding,
  questionRef,
  title,
  problems,
  drawn,
  onDraw,
  measurements,
  readOnly,
}: {
  editor: ChainEditorStore;
  sample: BenchmarkSampleV002;
  grounding: GroundingV002;
  questionRef: Extract<QuestionRef, { kind: 'grounding' }>;
  title: string;
  problems: QuestionProblems;
  drawn: boolean;
  onDraw: () => void;
  measurements: Measurements | null;
  readOnly: boolean;
}) {
  const type = grounding.question_type;
  const hint = HINT[type];
  const card = useRef<HTMLDivElement>(null);
  // A question drawn by a key or on the plot comes into view in the panel.
  useEffect(() => {
    if (drawn) card.current?.scrollIntoView({ block: 'nearest' });
  }, [drawn]);
  return (
    <div
      ref={card}
      className={`rounded border px-2 pb-2 ${drawn ? 'border-[#0072B2] bg-sky-50' : 'border-slate-200 bg-white'}`}
      data-testid={`editor-${type}`}
    >
      <QuestionCard
        editor={editor}
        questionRef={questionRef}
        question={grounding}
        title={title}
        heading={
          <>
            {questionRef.index + 1}. {TYPE_TEXT[type]}
            {drawn ? ' · on plot' : ''}
          </>
        }
        problems={problems}
        level={4}
        fixed={false}
        readOnly={readOnly}
        addLabel={type === 'wave_grounding' ? 'Add option as text' : 'Add option'}
        actions={
          <>
            <button
              type="button"
              aria-pressed={drawn}
              onClick={onDraw}
              className="rounded border border-slate-300 bg-white px-1.5 text-[12px] hover:bg-slate-100"
            >
              {drawn ? 'Drawn' : 'Draw'} <Kbd>{questionRef.index + 1}</Kbd>
            </button>
            {!readOnly && (
              <button
                type="button"
                aria-label={`Delete ${title}`}
                onClick={() =>
                  editor
                    .getState()
                    .apply((s) => deleteGrounding(s, questionRef.step, questionRef.index))
                }
                className="rounded border border-slate-300 bg-white px-1.5 text-[12px] hover:bg-slate-100"
              >
                Delete
              </button>
            )}
          </>
        }
        extra={
          <>
            {drawn && hint && !readOnly && (
              <p className="mt-1 text-[12px] text-slate-600">
                {hint}; tool <Kbd>{type === 'lead_grounding' ? 'L' : 'W'}</Kbd>.
              </p>
            )}
            {type === 'measurement_grounding' && (
              <MeasurementProposalLine
                editor={editor}
                sample={sample}
                questionRef={questionRef}
                measurements={measurements}
                readOnly={readOnly}
              />
            )}
          </>
        }
      />
    </div>
  );
}
