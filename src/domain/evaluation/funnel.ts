/** The completion funnel: how many chains survive each step of the reasoning, in chain order. */
import type { SampleScore, StepOutcome } from './score-sample';

/** The four parts of a loop, in order (grounding items count as one part). */
export const LOOP_PARTS = ['criterion', 'finding', 'grounding', 'decision'] as const;
/** One part of a loop. */
export type LoopPart = (typeof LOOP_PARTS)[number];

/** The loop part a scored step belongs to. */
export function partOf(step: StepOutcome): LoopPart {
  if (step.stage === 'criterion_selection') return 'criterion';
  if (step.stage === 'finding_identification') return 'finding';
  if (step.stage === 'diagnostic_decision') return 'decision';
  return 'grounding';
}

/** Where a chain first went wrong (the IDQ aside), or null for a completed chain. */
export function firstError(score: SampleScore): { loop: number; part: LoopPart } | null {
  const step = score.steps.find((s) => !s.correct);
  return step ? { loop: step.loop, part: partOf(step) } : null;
}

/** One funnel position: chains that reach it unbroken (and have it), and chains unbroken after it. */
export interface FunnelStep {
  readonly loop: number;
  readonly part: LoopPart;
  /** Chains that have this step and no error before it. */
  readonly reached: number;
  /**
   * Chains with no error up to and including this step; a chain without the step (no grounding
   * in that loop, or fewer loops) passes it unbroken, so the count never rises along the chain
   * and ends at the completed chains.
   */
  readonly survived: number;
}

const order = (loop: number, part: LoopPart) => loop * LOOP_PARTS.length + LOOP_PARTS.indexOf(part);

/** The funnel over the loop positions any chain has, in chain order. */
export function completionFunnel(scores: readonly SampleScore[]): FunnelStep[] {
  const positions = new Map<
    number,
    { loop: number; part: LoopPart; reached: number; survived: number }
  >();
  const chains = scores.map((score) => {
    const first = firstError(score);
    const has = new Set<number>();
    for (const step of score.steps) {
      const at = order(step.loop, partOf(step));
      has.add(at);
      if (!positions.has(at))
        positions.set(at, { loop: step.loop, part: partOf(step), reached: 0, survived: 0 });
    }
    return { brokeAt: first === null ? Infinity : order(first.loop, first.part), has };
  });
  for (const [at, p] of positions) {
    for (const chain of chains) {
      if (chain.has.has(at) && chain.brokeAt >= at) p.reached += 1;
      if (chain.brokeAt > at) p.survived += 1;
    }
  }
  return [...positions].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
}
