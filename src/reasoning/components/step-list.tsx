/** A sample's reasoning, step by step: the initial question, step buttons and one card per step. */
import type { ReactNode } from 'react';
import { useStore } from 'zustand';
import { Button } from '../../components/ui/button';
import type { BenchmarkSampleV002 } from '../../schemas/benchmark-sample';
import type { ReasoningStore } from '../reasoning-store';
import type { StepNavigation } from '../step-navigation';
import { StepCard } from './step-card';

/** The steps panel; `children` (a screen's own panel, e.g. a verdict) goes under the question. */
export function StepList({
  sample,
  store,
  navigation,
  children,
}: {
  sample: BenchmarkSampleV002;
  store: ReasoningStore;
  navigation: StepNavigation;
  children?: ReactNode;
}) {
  const stepIndex = useStore(store, (s) => s.stepIndex);
  const grounding = useStore(store, (s) => s.grounding);
  const showBeats = useStore(store, (s) => s.showBeats);
  const steps = sample.data.reasoning;
  const q = sample.data.initial_diagnostic_question;
  return (
    <>
      <section className="rounded border border-slate-200 bg-white p-2">
        <h2 className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">
          Initial question
        </h2>
        <p>{q.question}</p>
        <p className="mt-0.5">
          Answer: <strong>{q.answer}</strong>
        </p>
      </section>
      {children}
      <div className="mt-2 flex items-center gap-1">
        <Button shortcut="K" disabled={stepIndex === 0} onClick={() => navigation.step(-1)}>
          Previous step
        </Button>
        <Button
          shortcut="J"
          disabled={stepIndex >= steps.length - 1}
          onClick={() => navigation.step(1)}
        >
          Next step
        </Button>
        <Button shortcut="B" pressed={showBeats} onClick={() => store.getState().toggleBeats()}>
          Beats
        </Button>
      </div>
      <div className="mt-2 space-y-2">
        {steps.map((step, i) => (
          <StepCard
            key={i}
            step={step}
            index={i}
            count={steps.length}
            open={i === stepIndex}
            grounding={grounding}
            onOpen={() => navigation.openStep(i)}
            onSelectGrounding={navigation.toggleGrounding}
          />
        ))}
      </div>
    </>
  );
}
