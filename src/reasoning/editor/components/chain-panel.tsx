/** The editor's right-hand panel: the initial question and every step, editable, rules beside each field. */
import { useMemo } from 'react';
import { useStore } from 'zustand';
import {
  draftProblems,
  questionProblems,
  sampleLevelProblems,
} from '../../../domain/benchmark/edit';
import type { Measurements } from '../../../domain/measure/types';
import type { BenchmarkSampleV002 } from '../../../schemas/benchmark-sample';
import type { ReasoningStore } from '../../reasoning-store';
import type { StepNavigation } from '../../step-navigation';
import type { ChainEditorStore } from '../chain-editor-store';
import { FieldProblems } from './field-problems';
import { QuestionCard } from './question-card';
import { StepEditor } from './step-editor';

/** Every question of the draft, with the shared rules run live beside each field. */
export function ChainPanel({
  editor,
  sample,
  reasoning,
  navigation,
  measurements,
  readOnly,
}: {
  editor: ChainEditorStore;
  /** The draft (the autosaver's content). */
  sample: BenchmarkSampleV002;
  reasoning: ReasoningStore;
  navigation: StepNavigation;
  measurements: Measurements | null;
  readOnly: boolean;
}) {
  const notice = useStore(editor, (s) => s.notice);
  const stepIndex = useStore(reasoning, (s) => s.stepIndex);
  const drawn = useStore(reasoning, (s) => s.grounding);
  const problems = useMemo(() => draftProblems(sample), [sample]);
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const initial = { kind: 'initial' } as const;
  return (
    <>
      <p
        className={`rounded border px-2 py-1 text-[13px] ${errors > 0 ? 'border-[#D55E00] bg-orange-50' : 'border-slate-200 bg-white'}`}
        role="status"
        data-testid="rules-summary"
      >
        {errors === 0
          ? `✓ Passes the rules${warnings > 0 ? ` (${warnings} warning${warnings === 1 ? '' : 's'})` : ''}`
          : `✗ ${errors} error${errors === 1 ? '' : 's'} to fix before it can be saved`}
      </p>
      {notice && (
        <p
          className="mt-1 rounded border border-[#E69F00] bg-amber-50 px-2 py-1 text-[13px]"
          role="alert"
        >
          {notice}
        </p>
      )}
      <FieldProblems problems={sampleLevelProblems(problems)} />
      <div className="mt-2 rounded border border-slate-200 bg-white px-2 pb-2">
        <QuestionCard
          editor={editor}
          questionRef={initial}
          question={sample.data.initial_diagnostic_question}
          title="Initial"
          heading="Initial question"
          problems={questionProblems(problems, initial)}
          level={2}
          fixed
          readOnly={readOnly}
        />
      </div>
      <div className="mt-2 space-y-2">
        {sample.data.reasoning.map((step, i) => (
          <StepEditor
            key={i}
            editor={editor}
            sample={sample}
            step={step}
            index={i}
            open={i === stepIndex}
            drawn={drawn}
            problems={problems}
            onOpen={() => navigation.openStep(i)}
            onDraw={navigation.toggleGrounding}
            measurements={measurements}
            readOnly={readOnly}
          />
        ))}
      </div>
    </>
  );
}
