/** One reasoning step in the editor: criterion, finding, grounding questions and the decision. */
import type { Problem } from '../../../schemas/issues';
import type {
  BenchmarkSampleV002,
  GroundingType,
  StepV002,
} from '../../../schemas/benchmark-sample';
import type { Measurements } from '../../../domain/measure/types';
import { addGrounding, questionProblems } from '../../../domain/benchmark/edit';
import type { GroundingRef } from '../../reasoning-store';
import type { ChainEditorStore } from '../chain-editor-store';
import { GroundingQuestionEditor } from './grounding-question-editor';
import { QuestionCard } from './question-card';

const NEW_GROUNDING: readonly { type: GroundingType; text: string }[] = [
  { type: 'lead_grounding', text: 'Leads' },
  { type: 'wave_grounding', text: 'Time window' },
  { type: 'measurement_grounding', text: 'Measurement' },
];

/** A step's card: collapsed to its criterion answer and problem count unless it is the open step. */
export function StepEditor({
  editor,
  sample,
  step,
  index,
  open,
  drawn,
  problems,
  onOpen,
  onDraw,
  measurements,
  readOnly,
}: {
  editor: ChainEditorStore;
  sample: BenchmarkSampleV002;
  step: StepV002;
  index: number;
  open: boolean;
  drawn: GroundingRef | null;
  problems: readonly Problem[];
  onOpen: () => void;
  onDraw: (ref: GroundingRef) => void;
  measurements: Measurements | null;
  readOnly: boolean;
}) {
  const name = `Step ${index + 1}`;
  const count = sample.data.reasoning.length;
  const errors = problems.filter(
    (p) => p.severity === 'error' && p.path[1] === 'reasoning' && p.path[2] === index,
  ).length;
  const part = (kind: 'criterion' | 'finding' | 'decision') => {
    const ref = { kind, step: index } as const;
    return { ref, problems: questionProblems(problems, ref) };
  };
  const criterion = part('criterion');
  const finding = part('finding');
  const decision = part('decision');
  return (
    <article
      aria-current={open ? 'step' : undefined}
      className={`rounded border bg-white ${open ? 'border-slate-400 shadow-sm' : 'border-slate-200'}`}
      data-testid={`step-${index + 1}`}
    >
      <button
        type="button"
        onClick={onOpen}
        aria-expanded={open}
        className="flex w-full items-baseline gap-2 px-2 py-1.5 text-left"
      >
        <span className="font-semibold whitespace-nowrap">
          Step {index + 1} of {count}
        </span>
        <span className="truncate text-slate-600">{step.criterion_selection.answer}</span>
        {errors > 0 && (
          <span className="ml-auto shrink-0 text-[12px] text-[#b34700]">
            ✗ {errors} error{errors === 1 ? '' : 's'}
          </span>
        )}
      </button>
      {open && (
        <div className="border-t border-slate-100 px-2 pb-2">
          <QuestionCard
            editor={editor}
            questionRef={criterion.ref}
            question={step.criterion_selection}
            title={`${name} criterion`}
            heading="Criterion"
            problems={criterion.problems}
            level={3}
            fixed={false}
            readOnly={readOnly}
          />
          <QuestionCard
            editor={editor}
            questionRef={finding.ref}
            question={step.finding_identification}
            title={`${name} finding`}
            heading="Finding"
            problems={finding.problems}
            level={3}
            fixed
            readOnly={readOnly}
          />
          <section className="mt-2">
            <h3 className="text-[11px] font-semibold tracking-wide text-slate-600 uppercase">
              Grounding ({step.ecg_grounding.length})
            </h3>
            <div className="mt-1 space-y-1.5">
              {step.ecg_grounding.map((g, i) => {
                const ref = { kind: 'grounding', step: index, index: i } as const;
                return (
                  <GroundingQuestionEditor
                    key={i}
                    editor={editor}
                    sample={sample}
                    grounding={g}
                    questionRef={ref}
                    title={`${name} grounding ${i + 1}`}
                    problems={questionProblems(problems, ref)}
                    drawn={drawn?.step === index && drawn.index === i}
                    onDraw={() => onDraw({ step: index, index: i })}
                    measurements={measurements}
                    readOnly={readOnly}
                  />
                );
              })}
            </div>
            {!readOnly && (
              <div className="mt-1 flex flex-wrap items-center gap-1 text-[12px]">
                <span className="text-slate-600">Add a grounding question:</span>
                {NEW_GROUNDING.map(({ type, text }) => (
                  <button
                    key={type}
                    type="button"
                    className="rounded border border-dashed border-slate-400 px-1.5 hover:bg-slate-100"
                    onClick={() => {
                      const at = step.ecg_grounding.length;
                      if (editor.getState().apply((s) => addGrounding(s, index, type)))
                        onDraw({ step: index, index: at });
                    }}
                  >
                    + {text}
                  </button>
                ))}
              </div>
            )}
          </section>
          <QuestionCard
            editor={editor}
            questionRef={decision.ref}
            question={step.diagnostic_decision}
            title={`${name} decision`}
            heading="Decision"
            problems={decision.problems}
            level={3}
            fixed
            readOnly={readOnly}
          />
        </div>
      )}
    </article>
  );
}
