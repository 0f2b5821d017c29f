/**
 * One side of the comparison: a sample over its own ECG, the drawn grounding question on the
 * plot and the steps under it. Both sides share one reasoning store, so J/K and 1-9 open the
 * same step and draw the same question on each ECG.
 */
import { useState } from 'react';
import { useStore } from 'zustand';
import { useEcg, type EcgRef } from '../../../ecg/use-ecg';
import type { EcgPlotProps } from '../../../plot/ecg-plot';
import { createPlotStore } from '../../../plot/viewport-store';
import { GroundingPanel } from '../../../reasoning/components/grounding-panel';
import { StepCard } from '../../../reasoning/components/step-card';
import type { ReasoningStore } from '../../../reasoning/reasoning-store';
import type { StepNavigation } from '../../../reasoning/step-navigation';
import { useGroundingView } from '../../../reasoning/use-grounding-view';
import type { BenchmarkSampleV002 } from '../../../schemas/benchmark-sample';

/** A titled sample over its ECG. */
export function SamplePane({
  title,
  testId,
  sample,
  ecg,
  store,
  navigation,
  changedSteps,
  plotOptions,
}: {
  title: string;
  testId: string;
  sample: BenchmarkSampleV002;
  ecg: EcgRef;
  store: ReasoningStore;
  navigation: StepNavigation;
  /** Steps whose content differs between the two sides (marked on their cards). */
  changedSteps: ReadonlySet<number>;
  plotOptions: Pick<EcgPlotProps, 'pageKeys' | 'plotId'>;
}) {
  const [plotStore] = useState(() => createPlotStore());
  const { recordQuery, record, measurements, beatTimesS } = useEcg(ecg);
  const grounding = useStore(store, (s) => s.grounding);
  const stepIndex = useStore(store, (s) => s.stepIndex);
  const showBeats = useStore(store, (s) => s.showBeats);
  const steps = sample.data.reasoning;
  const view = useGroundingView(steps, grounding, measurements);
  return (
    <section
      aria-label={title}
      data-testid={testId}
      className="grid min-h-0 min-w-0 grid-rows-[auto_minmax(0,3fr)_minmax(0,2fr)]"
    >
      <h2 className="border-b border-slate-200 bg-white px-2 py-1 font-semibold">{title}</h2>
      <div className="min-h-0">
        <GroundingPanel
          ecg={ecg}
          record={record}
          error={recordQuery.error}
          loading={recordQuery.isLoading}
          plotStore={plotStore}
          view={view}
          beatTimesS={beatTimesS}
          showBeats={showBeats}
          plotOptions={plotOptions}
        />
      </div>
      <div className="min-h-0 space-y-2 overflow-y-auto border-t border-slate-300 bg-slate-50 p-2">
        <section className="rounded border border-slate-200 bg-white px-2 py-1 text-[13px]">
          <h3 className="inline text-[11px] font-semibold tracking-wide text-slate-600 uppercase">
            Initial question
          </h3>{' '}
          {sample.data.initial_diagnostic_question.question}{' '}
          <strong>{sample.data.initial_diagnostic_question.answer}</strong>
        </section>
        {steps.map((step, i) => (
          <div key={i} className="relative">
            {changedSteps.has(i) && (
              <span className="absolute top-1 right-2 z-10 rounded bg-[#E69F00] px-1 text-[11px] font-semibold text-black">
                changed
              </span>
            )}
            <StepCard
              step={step}
              index={i}
              count={steps.length}
              open={i === stepIndex}
              grounding={grounding}
              onOpen={() => navigation.openStep(i)}
              onSelectGrounding={navigation.toggleGrounding}
            />
          </div>
        ))}
      </div>
    </section>
  );
}
