/** Naming one question of a sample (the initial question, a step's part, a grounding question). */
import type {
  BenchmarkSampleV002,
  CriterionSelection,
  DiagnosticDecision,
  FindingIdentification,
  GroundingV002,
  InitialQuestion,
  StepV002,
} from '../../../schemas/benchmark-sample';

/** One question of a sample: the initial question, a step's criterion, finding or decision, or a grounding question. */
export type QuestionRef =
  | { readonly kind: 'initial' }
  | { readonly kind: 'criterion' | 'finding' | 'decision'; readonly step: number }
  | { readonly kind: 'grounding'; readonly step: number; readonly index: number };

/** Any question of a sample in the list answer shape. */
export type AnyQuestion =
  InitialQuestion | CriterionSelection | FindingIdentification | DiagnosticDecision | GroundingV002;

/** The step part a ref names, by its key in a step. */
const PART_KEY = {
  criterion: 'criterion_selection',
  finding: 'finding_identification',
  decision: 'diagnostic_decision',
} as const;

/** The JSON path of a question in a sample, as the validator's problems name it. */
export function questionPath(ref: QuestionRef): (string | number)[] {
  if (ref.kind === 'initial') return ['data', 'initial_diagnostic_question'];
  if (ref.kind === 'grounding') return ['data', 'reasoning', ref.step, 'ecg_grounding', ref.index];
  return ['data', 'reasoning', ref.step, PART_KEY[ref.kind]];
}

/** The question a ref names; undefined when the sample has no such question. */
export function questionAt(sample: BenchmarkSampleV002, ref: QuestionRef): AnyQuestion | undefined {
  if (ref.kind === 'initial') return sample.data.initial_diagnostic_question;
  const step = sample.data.reasoning[ref.step];
  if (!step) return undefined;
  if (ref.kind === 'grounding') return step.ecg_grounding[ref.index];
  return step[PART_KEY[ref.kind]];
}

/** True when two refs name the same question. */
export function sameQuestion(a: QuestionRef | null, b: QuestionRef | null): boolean {
  if (!a || !b || a.kind !== b.kind) return a === b;
  if (a.kind === 'initial') return true;
  if (a.step !== (b as { step: number }).step) return false;
  return a.kind !== 'grounding' || a.index === (b as { index: number }).index;
}

/** A copy of the sample with one step replaced (the others shared). */
export function withStep(
  sample: BenchmarkSampleV002,
  stepIndex: number,
  step: StepV002,
): BenchmarkSampleV002 {
  const reasoning = sample.data.reasoning.map((s, i) => (i === stepIndex ? step : s));
  return { ...sample, data: { ...sample.data, reasoning } };
}

/** A copy of the sample with the question at `ref` replaced; the sample itself when there is none. */
export function withQuestion(
  sample: BenchmarkSampleV002,
  ref: QuestionRef,
  question: AnyQuestion,
): BenchmarkSampleV002 {
  if (ref.kind === 'initial') {
    return {
      ...sample,
      data: { ...sample.data, initial_diagnostic_question: question as InitialQuestion },
    };
  }
  const step = sample.data.reasoning[ref.step];
  if (!step) return sample;
  if (ref.kind === 'grounding') {
    const ecg_grounding = step.ecg_grounding.map((g, i) =>
      i === ref.index ? (question as GroundingV002) : g,
    );
    return withStep(sample, ref.step, { ...step, ecg_grounding });
  }
  return withStep(sample, ref.step, { ...step, [PART_KEY[ref.kind]]: question });
}
