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

/** One funnel position: chains that reach it unbroken, and those still unbroken after it. */
export interface FunnelStep {
  readonly loop: number;
  readonly part: LoopPart;
  readonly reached: number;
  readonly survived: number;
}

/** The funnel over loop positions that any chain has (a loop without grounding skips that part). */
export function completionFunnel(scores: readonly SampleScore[]): FunnelStep[] {
  const steps = new Map<
    string,
    { loop: number; part: LoopPart; reached: number; survived: number }
  >();
  const at = (loop: number, part: LoopPart) => {
    const key = `${loop}:${part}`;
    let s = steps.get(key);
    if (!s) {
      s = { loop, part, reached: 0, survived: 0 };
      steps.set(key, s);
    }
    return s;
  };
  for (const score of scores) {
    // Steps come in chain order; a part is right when all its steps are.
    const parts: { loop: number; part: LoopPart; correct: boolean }[] = [];
    for (const step of score.steps) {
      const part = partOf(step);
      const last = parts[parts.length - 1];
      if (last && last.loop === step.loop && last.part === part) last.correct &&= step.correct;
      else parts.push({ loop: step.loop, part, correct: step.correct });
    }
    for (const p of parts) {
      const s = at(p.loop, p.part);
      s.reached += 1;
      if (!p.correct) break;
      s.survived += 1;
    }
  }
  return [...steps.values()].sort(
    (a, b) => a.loop - b.loop || LOOP_PARTS.indexOf(a.part) - LOOP_PARTS.indexOf(b.part),
  );
}
