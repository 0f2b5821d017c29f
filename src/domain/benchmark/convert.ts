import type {
  AnswerShape,
  BenchmarkSample,
  BenchmarkSampleV001,
  BenchmarkSampleV002,
  CriterionSelection,
  DiagnosticDecision,
  FindingIdentification,
  Grounding,
  GroundingV001,
  GroundingV002,
  Metadata,
  Step,
} from '../../schemas/benchmark-sample';

// Every object is rebuilt key by key in the docs' order, so converting also canonicalises:
// key order and dropped stray keys never depend on how the input object was built.

function metadata(m: Metadata): Metadata {
  const out: Metadata = {
    id: m.id,
    data_source: m.data_source,
    ecg_id: m.ecg_id,
    target_dx: m.target_dx,
    dx_label: m.dx_label,
    path_idx: m.path_idx,
  };
  if (m.subject_id !== undefined) out.subject_id = m.subject_id;
  return out;
}

function question<Q extends CriterionSelection | FindingIdentification | DiagnosticDecision>(
  q: Q,
): Q {
  return {
    question: q.question,
    options: [...q.options],
    answer: q.answer,
    answer_idx: q.answer_idx,
    question_type: q.question_type,
  } as Q;
}

function one<T>(value: T | readonly T[], what: string): T {
  if (!Array.isArray(value)) return value as T;
  if (value.length !== 1) {
    throw new Error(
      `Cannot write ${what} in the scalar shape: expected a one-element list, found ${value.length} elements`,
    );
  }
  return value[0] as T;
}

function groundingV001(g: Grounding): GroundingV001 {
  if (g.question_type === 'lead_grounding') {
    return {
      question: g.question,
      options: [...g.options],
      answer: [...g.answer],
      answer_idx: [...g.answer_idx],
      question_type: g.question_type,
    };
  }
  return {
    question: g.question,
    options: [...g.options],
    answer: one<string>(g.answer, `a ${g.question_type} answer`),
    answer_idx: one<number>(g.answer_idx, `a ${g.question_type} answer_idx`),
    question_type: g.question_type,
  };
}

function groundingV002(g: Grounding): GroundingV002 {
  if (g.question_type === 'lead_grounding') return groundingV001(g) as GroundingV002;
  const answer = Array.isArray(g.answer) ? g.answer[0] : g.answer;
  const idx = Array.isArray(g.answer_idx) ? g.answer_idx[0] : g.answer_idx;
  return {
    question: g.question,
    options: [...g.options],
    answer: [answer as string],
    answer_idx: [idx as number],
    question_type: g.question_type,
  };
}

function step<G>(s: Step, grounding: (g: Grounding) => G) {
  return {
    criterion_selection: question(s.criterion_selection),
    finding_identification: question(s.finding_identification),
    ecg_grounding: (s.ecg_grounding as readonly Grounding[]).map(grounding),
    diagnostic_decision: question(s.diagnostic_decision),
  };
}

/** Converts a valid sample to the scalar shape (wave/measurement answers as a text and a number). */
export function convertSample(sample: BenchmarkSample, to: 'scalar'): BenchmarkSampleV001;
/** Converts a valid sample to the list shape (wave/measurement answers as one-element lists). */
export function convertSample(sample: BenchmarkSample, to: 'list'): BenchmarkSampleV002;
/** Converts a valid sample to the given shape, as a fresh object in canonical key order. */
export function convertSample(sample: BenchmarkSample, to: AnswerShape): BenchmarkSample;
export function convertSample(sample: BenchmarkSample, to: AnswerShape): BenchmarkSample {
  const initial = sample.data.initial_diagnostic_question;
  const steps: readonly Step[] = sample.data.reasoning;
  const grounding: (g: Grounding) => Grounding = to === 'scalar' ? groundingV001 : groundingV002;
  return {
    metadata: metadata(sample.metadata),
    data: {
      initial_diagnostic_question: {
        question: initial.question,
        options: [...initial.options],
        answer: initial.answer,
        question_type: initial.question_type,
      },
      reasoning: steps.map((s) => step(s, grounding)),
    },
  } as BenchmarkSample;
}
