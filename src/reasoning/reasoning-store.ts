/** One reasoning view's state: which step is open, which grounding question is drawn, beats shown. */
import { createStore, type StoreApi } from 'zustand/vanilla';

/** A grounding question by its step and its place in that step. */
export interface GroundingRef {
  readonly step: number;
  readonly index: number;
}

/** Reasoning view state and actions. */
export interface ReasoningViewState {
  /** What is open (a sample's id): opening another resets the steps. */
  readonly openKey: string | null;
  readonly stepIndex: number;
  readonly grounding: GroundingRef | null;
  readonly showBeats: boolean;
  /** Opens a sample at its first step, first grounding question drawn (if it has one). */
  open(key: string, firstStepGroundings: number): void;
  /** Moves to a step (clamped), drawing its first grounding question. */
  goToStep(step: number, stepCount: number, groundingsInStep: (step: number) => number): void;
  selectGrounding(ref: GroundingRef | null): void;
  toggleBeats(): void;
}

/** A reasoning view's store. */
export type ReasoningStore = StoreApi<ReasoningViewState>;

/** Creates the state of one reasoning view (each view on screen has its own). */
export function createReasoningStore(): ReasoningStore {
  return createStore<ReasoningViewState>()((set, get) => ({
    openKey: null,
    stepIndex: 0,
    grounding: null,
    showBeats: false,
    open: (openKey, firstStepGroundings) => {
      if (get().openKey === openKey) return;
      set({
        openKey,
        stepIndex: 0,
        grounding: firstStepGroundings > 0 ? { step: 0, index: 0 } : null,
      });
    },
    goToStep: (step, stepCount, groundingsInStep) => {
      const stepIndex = Math.min(Math.max(0, step), Math.max(0, stepCount - 1));
      set({
        stepIndex,
        grounding: groundingsInStep(stepIndex) > 0 ? { step: stepIndex, index: 0 } : null,
      });
    },
    selectGrounding: (grounding) =>
      set((s) => ({ grounding, stepIndex: grounding ? grounding.step : s.stepIndex })),
    toggleBeats: () => set((s) => ({ showBeats: !s.showBeats })),
  }));
}
