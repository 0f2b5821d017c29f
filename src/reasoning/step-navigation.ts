/** Moving through a sample's reasoning steps and its grounding questions (keys and buttons alike). */
import type { StepV002 } from '../schemas/benchmark-sample';
import type { GroundingRef, ReasoningStore } from './reasoning-store';

/** Step and grounding actions over one sample's steps. */
export interface StepNavigation {
  /** Opens the step `delta` steps away (clamped), drawing its first grounding question. */
  step(delta: number): void;
  /** Opens a step by index. */
  openStep(index: number): void;
  /** Draws a grounding question, or clears it when it is the one drawn. */
  toggleGrounding(ref: GroundingRef): void;
}

/** The navigation over `steps` with a reasoning store. */
export function stepNavigation(store: ReasoningStore, steps: readonly StepV002[]): StepNavigation {
  const groundingsIn = (i: number) => steps[i]?.ecg_grounding.length ?? 0;
  const openStep = (index: number) => store.getState().goToStep(index, steps.length, groundingsIn);
  return {
    step: (delta) => openStep(store.getState().stepIndex + delta),
    openStep,
    toggleGrounding: (ref) => {
      const now = store.getState().grounding;
      store
        .getState()
        .selectGrounding(now?.step === ref.step && now.index === ref.index ? null : ref);
    },
  };
}
