import type { BenchmarkSampleV002, GroundingV002 } from '../schemas/benchmark-sample';
import { TEXT_LIMITS } from '../schemas/text-limits';
import { denseLabel } from './sample-fixtures';

// Loose view of a sample being broken on purpose: the breaks write values no type allows.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Raw = any;

/** A valid lead_grounding question, for samples that lack one. */
const LEAD_QUESTION: GroundingV002 = {
  question: 'In which leads is the finding seen?',
  options: ['Lead I', 'Lead II', 'Lead V1'],
  answer: ['Lead II'],
  answer_idx: [1],
  question_type: 'lead_grounding',
};

/**
 * A copy of a list-shaped sample that has every grounding kind: a lead_grounding question is
 * added to step 0 when the sample has none. The sample must have wave and measurement grounding.
 */
export function withEveryGrounding(sample: BenchmarkSampleV002): BenchmarkSampleV002 {
  const s = structuredClone(sample);
  const steps = s.data.reasoning;
  if (!steps.some((step) => step.ecg_grounding.some((g) => g.question_type === 'lead_grounding')))
    steps[0]!.ecg_grounding.push(structuredClone(LEAD_QUESTION));
  for (const type of ['wave_grounding', 'measurement_grounding'] as const) groundingOf(s, type);
  return s;
}

/** The first grounding question of a kind in a sample (throws when it has none). */
export function groundingOf(s: Raw, type: GroundingV002['question_type']): Raw {
  for (const step of s.data.reasoning)
    for (const g of step.ecg_grounding) if (g.question_type === type) return g;
  throw new Error(`the sample has no ${type}`);
}

/** Sets a single-answer (list-shaped) grounding's options and its answer at `idx`. */
function setOptions(g: Raw, options: string[], idx: number): void {
  g.options = options;
  g.answer = [options[idx]];
  g.answer_idx = [idx];
}

const WINDOWS = ['[1.00s - 1.10s]', '[2.00s - 2.10s]'];
const RANGES_MS = ['Below 100ms', '[100ms - 120ms]', 'Above 120ms'];

/** One edit that breaks one error rule of a benchmark sample. */
export interface SampleBreak {
  readonly rule: string;
  /** The value to write: usually the sample edited, sometimes no sample at all. */
  readonly make: (base: BenchmarkSampleV002) => unknown;
}

function edit(change: (s: Raw) => void): (base: BenchmarkSampleV002) => unknown {
  return (base) => {
    const s: Raw = structuredClone(base);
    change(s);
    return s;
  };
}

const criterion = (s: Raw) => s.data.reasoning[0].criterion_selection;
const lastDecision = (s: Raw) => s.data.reasoning[s.data.reasoning.length - 1].diagnostic_decision;

/**
 * For each error rule of validateSample (structure and cross-field), an edit of a valid
 * list-shaped sample (see withEveryGrounding) that breaks it.
 */
export const SAMPLE_BREAKS: readonly SampleBreak[] = [
  { rule: 'not-an-object', make: () => 'a sample' },
  { rule: 'unknown-key', make: edit((s) => (s.metadata.note = 'x')) },
  { rule: 'missing-key', make: edit((s) => delete s.metadata.path_idx) },
  { rule: 'wrong-type', make: edit((s) => (s.metadata.dx_label = 'yes')) },
  { rule: 'non-negative-integer', make: edit((s) => (s.metadata.path_idx = -1)) },
  { rule: 'digit-string', make: edit((s) => (s.metadata.ecg_id = 'A100')) },
  { rule: 'data-source', make: edit((s) => (s.metadata.data_source = 'ptb-xl')) },
  { rule: 'target-dx', make: edit((s) => (s.metadata.target_dx = 'flu')) },
  {
    rule: 'question-type',
    make: edit((s) => (criterion(s).question_type = 'criterion')),
  },
  {
    rule: 'answer-shape',
    make: edit((s) => {
      const g = groundingOf(s, 'wave_grounding');
      g.answer = g.answer[0];
      g.answer_idx = g.answer_idx[0];
    }),
  },
  {
    rule: 'text-too-long',
    make: edit((s) => (criterion(s).question = 'q'.repeat(TEXT_LIMITS.question + 1))),
  },
  { rule: 'subject-id-source', make: edit((s) => (s.metadata.subject_id = '10000032')) },
  { rule: 'question-text', make: edit((s) => (s.data.initial_diagnostic_question.question = '')) },
  {
    rule: 'options-count',
    make: edit((s) => setOptions(groundingOf(s, 'measurement_grounding'), ['Below 100ms'], 0)),
  },
  {
    rule: 'answer-option-repeated',
    make: edit((s) => {
      const c = criterion(s);
      c.options[(c.answer_idx + 1) % c.options.length] = c.answer;
    }),
  },
  { rule: 'answer-idx-range', make: edit((s) => (criterion(s).answer_idx = 9)) },
  { rule: 'answer-in-options', make: edit((s) => (criterion(s).answer = 'not an option')) },
  {
    rule: 'yes-no-options',
    make: edit((s) => (s.data.reasoning[0].finding_identification.options = ['Maybe', 'No'])),
  },
  {
    rule: 'initial-answer-label',
    make: edit((s) => {
      const q = s.data.initial_diagnostic_question;
      q.answer = q.answer === 'Yes' ? 'No' : 'Yes';
    }),
  },
  {
    rule: 'criterion-options-count',
    make: edit((s) => criterion(s).options.push('an extra distractor')),
  },
  {
    rule: 'decision-options',
    make: edit((s) => (s.data.reasoning[0].diagnostic_decision.options[2] = 'Maybe later')),
  },
  {
    rule: 'decision-last-step',
    make: edit((s) => {
      const d = lastDecision(s);
      d.answer = d.answer === 'Yes' ? 'No' : 'Yes';
      d.answer_idx = d.options.indexOf(d.answer);
    }),
  },
  { rule: 'reasoning-not-empty', make: edit((s) => (s.data.reasoning = [])) },
  {
    rule: 'lead-option',
    make: edit((s) => groundingOf(s, 'lead_grounding').options.push('Lead X')),
  },
  {
    rule: 'lead-answer-empty',
    make: edit((s) => {
      const g = groundingOf(s, 'lead_grounding');
      g.answer = [];
      g.answer_idx = [];
    }),
  },
  {
    rule: 'lead-answer-lengths',
    make: edit((s) => groundingOf(s, 'lead_grounding').answer_idx.push(0)),
  },
  {
    rule: 'lead-answer-repeat',
    make: edit((s) => {
      const g = groundingOf(s, 'lead_grounding');
      g.answer = [g.answer[0], g.answer[0]];
      g.answer_idx = [g.answer_idx[0], g.answer_idx[0]];
    }),
  },
  {
    rule: 'wave-option',
    make: edit((s) => setOptions(groundingOf(s, 'wave_grounding'), [...WINDOWS, 'later on'], 0)),
  },
  {
    rule: 'window-order',
    make: edit((s) =>
      setOptions(groundingOf(s, 'wave_grounding'), [...WINDOWS, '[5.00s - 4.00s]'], 0),
    ),
  },
  {
    rule: 'window-in-record',
    make: edit((s) =>
      setOptions(groundingOf(s, 'wave_grounding'), [...WINDOWS, '[9.50s - 10.50s]'], 0),
    ),
  },
  {
    rule: 'beat-order',
    make: edit((s) =>
      setOptions(
        groundingOf(s, 'wave_grounding'),
        ['[1st QRS wave - 2nd QRS wave]', '[5th QRS wave - 4th QRS wave]'],
        0,
      ),
    ),
  },
  {
    rule: 'measurement-option',
    make: edit((s) =>
      setOptions(groundingOf(s, 'measurement_grounding'), [...RANGES_MS, 'a lot'], 0),
    ),
  },
  {
    rule: 'measurement-unit',
    make: edit((s) =>
      setOptions(
        groundingOf(s, 'measurement_grounding'),
        ['Below 100ms', '[100ms - 120ms]', 'Above 1.5mV'],
        0,
      ),
    ),
  },
  {
    rule: 'measurement-range-order',
    make: edit((s) =>
      setOptions(
        groundingOf(s, 'measurement_grounding'),
        ['Below 100ms', '[120ms - 100ms]', 'Above 120ms'],
        0,
      ),
    ),
  },
  {
    rule: 'measurement-order',
    make: edit((s) =>
      setOptions(
        groundingOf(s, 'measurement_grounding'),
        ['[100ms - 120ms]', 'Below 100ms', 'Above 120ms'],
        0,
      ),
    ),
  },
];

/**
 * The fix curators met in the wild: an empty question, options ["Maybe", "No"] and a wrong
 * answer_idx (0 for the answer "No") in one finding_identification; `validate` finds three
 * errors in it.
 */
export function threeErrorFix(base: BenchmarkSampleV002): BenchmarkSampleV002 {
  const s = structuredClone(base);
  const finding = s.data.reasoning[0]!.finding_identification;
  finding.question = '';
  finding.options = ['Maybe', 'No'];
  finding.answer = 'No';
  finding.answer_idx = 0;
  return s;
}

/** One label content that breaks one error rule of the label format. */
export interface LabelBreak {
  readonly rule: string;
  readonly content: () => unknown;
  /** True when a draft with this content is refused too (no rule waits for submission). */
  readonly draftToo: boolean;
}

const label = (change: (l: Raw) => void) => () => {
  const l: Raw = denseLabel('normal ECG');
  change(l);
  return l;
};

/**
 * For each error rule a label's content can break, a content that breaks it. The rules of a
 * label-file line that a saved label has no field for (data_source, ecg_id, labeller, status:
 * the server sets them) are in LINE_ONLY_LABEL_RULES.
 */
export const LABEL_BREAKS: readonly LabelBreak[] = [
  { rule: 'not-an-object', content: () => 'normal', draftToo: true },
  { rule: 'unknown-key', content: label((l) => (l.mood = 'calm')), draftToo: true },
  { rule: 'missing-key', content: label((l) => delete l.rhythm), draftToo: false },
  { rule: 'wrong-type', content: label((l) => (l.conduction = 'none')), draftToo: true },
  { rule: 'axis-value', content: label((l) => (l.rate = 'fast')), draftToo: true },
  { rule: 'set-empty', content: label((l) => (l.conduction = [])), draftToo: false },
  {
    rule: 'set-repeat',
    content: label((l) => (l.other_findings = ['pvc', 'pvc'])),
    draftToo: true,
  },
  { rule: 'none-alone', content: label((l) => (l.conduction = ['none', 'lbbb'])), draftToo: true },
  {
    rule: 'ischemia-none',
    content: label((l) => (l.ischemia = { stage: 'none', territory: ['inferior'] })),
    draftToo: true,
  },
  { rule: 'diagnosis-empty', content: label((l) => (l.diagnosis = ' ')), draftToo: false },
  {
    rule: 'text-too-long',
    content: label((l) => (l.diagnosis = 'd'.repeat(TEXT_LIMITS.diagnosis + 1))),
    draftToo: true,
  },
];

/** Label rules only a label-file line can break: a saved label has no such field. */
export const LINE_ONLY_LABEL_RULES = ['digit-string', 'data-source', 'label-status', 'labeller-id'];
