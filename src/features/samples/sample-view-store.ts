/** The sample view's own state: which step is open and which grounding question is drawn. */
import { create } from 'zustand';

/** A grounding question by its step and its place in that step. */
export interface GroundingRef {
  readonly step: number;
  readonly index: number;
}

/** Sample view state and actions. */
export interface SampleViewState {
  readonly sampleId: string | null;
  readonly stepIndex: number;
  readonly grounding: GroundingRef | null;
  readonly showBeats: boolean;
  /** Opens a sample at its first step, first grounding question drawn (if it has one). */
  open(sampleId: string, firstStepGroundings: number): void;
  /** Moves to a step (clamped), drawing its first grounding question. */
  goToStep(step: number, stepCount: number, groundingsInStep: (step: number) => number): void;
  selectGrounding(ref: GroundingRef | null): void;
  toggleBeats(): void;
}

/** The sample view store (one sample view is on screen at a time). */
export const useSampleViewStore = create<SampleViewState>()((set, get) => ({
  sampleId: null,
  stepIndex: 0,
  grounding: null,
  showBeats: false,
  open: (sampleId, firstStepGroundings) => {
    if (get().sampleId === sampleId) return;
    set({
      sampleId,
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
