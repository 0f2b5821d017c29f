import type {
  BenchmarkSample,
  Grounding,
  InitialQuestion,
  Step,
} from '../../schemas/benchmark-sample';
import {
  CRITERION_OPTION_COUNT,
  DECISION_OPTIONS,
  FURTHER_FINDINGS,
  MAX_REASONING_STEPS,
  YES_NO_OPTIONS,
} from '../../schemas/benchmark-sample';
import type { Problem } from '../../schemas/issues';
import { describeValue, problem } from '../../schemas/issues';
import { STANDARD_LEADS } from '../leads';
import type { MeasurementRangeOption } from './options';
import { parseBeatRange, parseLeadOption, parseMeasurementRange, parseTimeWindow } from './options';

/** Length of every record in both sources (PTB-XL and MIMIC-IV-ECG): 10 s. */
export const RECORD_DURATION_S = 10;

type Path = readonly (string | number)[];

/** Severity and meaning of each cross-field rule, for the README and the CLI's --rules. */
export const SAMPLE_RULES = {
  'subject-id-source': ['error', 'subject_id is present exactly when data_source is mimic_iv_ecg'],
  'question-text': ['error', 'every question has a non-empty question text'],
  'options-count': ['error', 'every question has at least 2 options'],
  'options-distinct': [
    'warning',
    'the options of a question are distinct (2 real samples repeat a window)',
  ],
  'answer-option-repeated': [
    'error',
    'an answer is not an option that appears twice (it would be ambiguous)',
  ],
  'answer-idx-range': ['error', 'answer_idx points inside options'],
  'answer-in-options': ['error', 'options[answer_idx] == answer (element by element for lists)'],
  'yes-no-options': [
    'error',
    'initial question and finding_identification options are exactly ["Yes","No"]',
  ],
  'initial-answer-label': ['error', 'the initial answer is "Yes" exactly when dx_label is true'],
  'criterion-options-count': [
    'error',
    'criterion_selection has 5 options (1 right, 4 distractors)',
  ],
  'decision-options': [
    'error',
    'diagnostic_decision options are exactly Yes, No, Further findings...',
  ],
  'decision-last-step': [
    'error',
    'the last step decides: "Yes" when dx_label is true, "No" when false',
  ],
  'decision-early': ['warning', 'steps before the last answer "Further findings are required..."'],
  'reasoning-not-empty': ['error', 'data.reasoning has at least one step'],
  'reasoning-too-long': [
    'warning',
    'data.reasoning has at most 5 steps (the most in the real data)',
  ],
  'lead-option': ['error', 'lead_grounding options are "Lead X", X one of the 12 standard leads'],
  'lead-answer-empty': ['error', 'lead_grounding has at least one answer'],
  'lead-answer-lengths': ['error', 'lead_grounding answer and answer_idx have the same length'],
  'lead-answer-repeat': ['error', 'lead_grounding answer_idx has no repeats'],
  'wave-option': [
    'error',
    'wave_grounding options are windows "[1.48s - 1.69s]" or beat ranges "[4th QRS wave - 5th QRS wave]"',
  ],
  'window-order': ['error', 'a window starts before it ends'],
  'window-in-record': ['error', 'a window lies inside the 10 s record'],
  'beat-order': ['error', 'a beat range starts at beat 1 or later and before it ends'],
  'ordinal-spelling': [
    'warning',
    'beat ordinals are spelled right ("21st", not "21th"; 1 real sample)',
  ],
  'wave-options-mixed': ['warning', 'one wave question uses windows or beat ranges, not both'],
  'measurement-option': [
    'error',
    'measurement options are "Below X", "[X - Y]" or "Above X" in ms, mV, bpm or degrees',
  ],
  'measurement-unit': ['error', 'all options of a measurement question use one unit'],
  'measurement-range-order': ['error', 'a closed range [X - Y] has X < Y'],
  'measurement-order': [
    'error',
    'measurement options ascend without overlapping; "Below" only first, "Above" only last',
  ],
} as const satisfies Record<string, readonly ['error' | 'warning', string]>;

/** Id of one cross-field rule. */
export type SampleRuleId = keyof typeof SAMPLE_RULES;

function report(out: Problem[], rule: SampleRuleId, path: Path, message: string): void {
  out.push(problem(SAMPLE_RULES[rule][0], rule, path, message));
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const quotedList = (values: readonly string[]) => JSON.stringify(values);
const nonBlank = /\S/;

function checkQuestionText(question: string, base: Path, out: Problem[]): void {
  if (question.length > 0 && question.charCodeAt(0) > 32) return;
  if (!nonBlank.test(question)) {
    report(
      out,
      'question-text',
      [...base, 'question'],
      'expected the question text, found an empty text',
    );
  }
}

/** Options count and distinctness; true when the options are distinct. */
function checkOptions(options: readonly string[], base: Path, out: Problem[]): boolean {
  let distinct = true;
  if (options.length < 2) {
    report(
      out,
      'options-count',
      [...base, 'options'],
      `expected at least 2 options, found ${options.length}`,
    );
  }
  for (let i = 1; i < options.length; i++) {
    const first = options.indexOf(options[i]!);
    if (first < i) {
      distinct = false;
      report(
        out,
        'options-distinct',
        [...base, 'options', i],
        `expected distinct options, found ${describeValue(options[i])} again (it is also options[${first}])`,
      );
    }
  }
  return distinct;
}

function at(base: Path, key: string, element: number | null): Path {
  return element === null ? [...base, key] : [...base, key, element];
}

/**
 * options[idx] == answer for one answer (element k of list answers); paths are built only on
 * failure. `distinct` says the options are known distinct, which settles the common case at once.
 */
function checkAnswer(
  options: readonly string[],
  answer: string,
  idx: number,
  base: Path,
  element: number | null,
  distinct: boolean,
  out: Problem[],
): void {
  if (distinct && idx < options.length && options[idx] === answer) return;
  const position = options.indexOf(answer);
  if (position >= 0 && options.indexOf(answer, position + 1) >= 0) {
    report(
      out,
      'answer-option-repeated',
      at(base, 'answer', element),
      `expected the answer to appear once in options, found ${describeValue(answer)} at several positions`,
    );
  }
  if (idx >= options.length) {
    const where = position >= 0 ? ` (the answer ${describeValue(answer)} is at ${position})` : '';
    report(
      out,
      'answer-idx-range',
      at(base, 'answer_idx', element),
      `expected a position from 0 to ${options.length - 1} in options${where}, found ${idx}`,
    );
    return;
  }
  if (options[idx] === answer) return;
  if (position >= 0) {
    report(
      out,
      'answer-in-options',
      at(base, 'answer_idx', element),
      `expected ${position} (the position of the answer ${describeValue(answer)} in options), found ${idx}`,
    );
  } else {
    report(
      out,
      'answer-in-options',
      at(base, 'answer', element),
      `expected one of the options (options[${idx}] is ${describeValue(options[idx])}), found ${describeValue(answer)}`,
    );
  }
}

function checkFixedOptions(
  options: readonly string[],
  expected: readonly string[],
  rule: 'yes-no-options' | 'decision-options',
  base: Path,
  out: Problem[],
): boolean {
  if (sameList(options, expected)) return true;
  report(
    out,
    rule,
    [...base, 'options'],
    `expected exactly ${quotedList(expected)}, found ${describeValue(options)}`,
  );
  return false;
}

function checkInitial(q: InitialQuestion, dxLabel: boolean, out: Problem[]): void {
  const base = ['data', 'initial_diagnostic_question'];
  checkQuestionText(q.question, base, out);
  checkFixedOptions(q.options, YES_NO_OPTIONS, 'yes-no-options', base, out);
  const expected = dxLabel ? 'Yes' : 'No';
  if (q.answer !== expected) {
    report(
      out,
      'initial-answer-label',
      [...base, 'answer'],
      `expected "${expected}" because metadata.dx_label is ${String(dxLabel)}, found ${describeValue(q.answer)}`,
    );
  }
}

function checkStep(step: Step, i: number, last: boolean, dxLabel: boolean, out: Problem[]): void {
  const crit = step.criterion_selection;
  const critPath = ['data', 'reasoning', i, 'criterion_selection'];
  checkQuestionText(crit.question, critPath, out);
  const critDistinct = checkOptions(crit.options, critPath, out);
  if (crit.options.length !== CRITERION_OPTION_COUNT) {
    report(
      out,
      'criterion-options-count',
      [...critPath, 'options'],
      `expected ${CRITERION_OPTION_COUNT} options (one right criterion and 4 distractors), found ${crit.options.length}`,
    );
  }
  checkAnswer(crit.options, crit.answer, crit.answer_idx, critPath, null, critDistinct, out);

  const find = step.finding_identification;
  const findPath = ['data', 'reasoning', i, 'finding_identification'];
  checkQuestionText(find.question, findPath, out);
  const findFixed = checkFixedOptions(
    find.options,
    YES_NO_OPTIONS,
    'yes-no-options',
    findPath,
    out,
  );
  checkAnswer(find.options, find.answer, find.answer_idx, findPath, null, findFixed, out);

  const groundings: readonly Grounding[] = step.ecg_grounding;
  for (let j = 0; j < groundings.length; j++) {
    checkGrounding(groundings[j]!, ['data', 'reasoning', i, 'ecg_grounding', j], out);
  }

  const dec = step.diagnostic_decision;
  const decPath = ['data', 'reasoning', i, 'diagnostic_decision'];
  checkQuestionText(dec.question, decPath, out);
  const decFixed = checkFixedOptions(
    dec.options,
    DECISION_OPTIONS,
    'decision-options',
    decPath,
    out,
  );
  checkAnswer(dec.options, dec.answer, dec.answer_idx, decPath, null, decFixed, out);
  if (last) {
    const expected = dxLabel ? 'Yes' : 'No';
    if (dec.answer !== expected) {
      report(
        out,
        'decision-last-step',
        [...decPath, 'answer'],
        `expected "${expected}" (the last step decides, and metadata.dx_label is ${String(dxLabel)}), found ${describeValue(dec.answer)}`,
      );
    }
  } else if (dec.answer !== FURTHER_FINDINGS) {
    report(
      out,
      'decision-early',
      [...decPath, 'answer'],
      `expected "${FURTHER_FINDINGS}" (a later step follows), found ${describeValue(dec.answer)}`,
    );
  }
}

function checkGrounding(g: Grounding, base: Path, out: Problem[]): void {
  checkQuestionText(g.question, base, out);
  const distinct = checkOptions(g.options, base, out);
  if (g.question_type === 'lead_grounding') {
    checkLeads(g.options, g.answer, g.answer_idx, base, distinct, out);
    return;
  }
  if (Array.isArray(g.answer) && Array.isArray(g.answer_idx)) {
    checkAnswer(g.options, g.answer[0], g.answer_idx[0], base, 0, distinct, out);
  } else if (typeof g.answer === 'string' && typeof g.answer_idx === 'number') {
    checkAnswer(g.options, g.answer, g.answer_idx, base, null, distinct, out);
  }
  if (g.question_type === 'wave_grounding') checkWaveOptions(g.options, base, out);
  else checkMeasurementOptions(g.options, base, out);
}

function checkLeads(
  options: readonly string[],
  answers: readonly string[],
  idxs: readonly number[],
  base: Path,
  distinct: boolean,
  out: Problem[],
): void {
  for (let k = 0; k < options.length; k++) {
    const option = options[k]!;
    if (parseLeadOption(option) === null) {
      report(
        out,
        'lead-option',
        [...base, 'options', k],
        `expected "Lead X" with X one of ${STANDARD_LEADS.join(', ')}, found ${describeValue(option)}`,
      );
    }
  }
  if (answers.length === 0) {
    report(
      out,
      'lead-answer-empty',
      [...base, 'answer'],
      'expected at least one lead, found an empty list',
    );
  }
  if (answers.length !== idxs.length) {
    report(
      out,
      'lead-answer-lengths',
      [...base, 'answer_idx'],
      `expected ${answers.length} positions (one per answer), found ${idxs.length}`,
    );
    return;
  }
  for (let k = 0; k < idxs.length; k++) {
    const idx = idxs[k]!;
    const first = idxs.indexOf(idx);
    if (first < k) {
      report(
        out,
        'lead-answer-repeat',
        [...base, 'answer_idx', k],
        `expected each lead once, found position ${idx} again (it is also answer_idx[${first}])`,
      );
      continue;
    }
    checkAnswer(options, answers[k]!, idx, base, k, distinct, out);
  }
}

function checkWaveOptions(options: readonly string[], base: Path, out: Problem[]): void {
  let windows = 0;
  let beats = 0;
  for (let k = 0; k < options.length; k++) {
    const option = options[k]!;
    const window = parseTimeWindow(option);
    if (window) {
      windows++;
      if (!(window.startS < window.endS)) {
        report(
          out,
          'window-order',
          [...base, 'options', k],
          `expected the start before the end, found ${describeValue(option)}`,
        );
      } else if (window.startS < 0 || window.endS > RECORD_DURATION_S) {
        report(
          out,
          'window-in-record',
          [...base, 'options', k],
          `expected a window inside the ${RECORD_DURATION_S} s record (0s to ${RECORD_DURATION_S}s), found ${describeValue(option)}`,
        );
      }
      continue;
    }
    const range = parseBeatRange(option);
    if (range) {
      beats++;
      if (range.fromBeat < 1 || !(range.fromBeat < range.toBeat)) {
        report(
          out,
          'beat-order',
          [...base, 'options', k],
          `expected a first beat of 1 or more, before the last beat, found ${describeValue(option)}`,
        );
      }
      if (!range.ordinalsWellSpelled) {
        report(
          out,
          'ordinal-spelling',
          [...base, 'options', k],
          `expected English ordinals (1st, 2nd, 3rd, 4th, 21st), found ${describeValue(option)}`,
        );
      }
      continue;
    }
    report(
      out,
      'wave-option',
      [...base, 'options', k],
      `expected a time window such as "[8.84s - 8.95s]" or a beat range such as "[4th QRS wave - 5th QRS wave]", found ${describeValue(option)}`,
    );
  }
  if (windows > 0 && beats > 0) {
    report(
      out,
      'wave-options-mixed',
      [...base, 'options'],
      `expected all time windows or all beat ranges, found ${windows} windows and ${beats} beat ranges`,
    );
  }
}

function describeRange(r: MeasurementRangeOption): string {
  if (r.lo === null) return `below ${r.hi}${r.unit}`;
  if (r.hi === null) return `above ${r.lo}${r.unit}`;
  return `${r.lo}${r.unit} to ${r.hi}${r.unit}`;
}

function checkMeasurementOptions(options: readonly string[], base: Path, out: Problem[]): void {
  let previous: MeasurementRangeOption | null = null;
  let previousIndex = -1;
  let unit: string | null = null;
  for (let k = 0; k < options.length; k++) {
    const option = options[k]!;
    const r = parseMeasurementRange(option);
    if (!r) {
      report(
        out,
        'measurement-option',
        [...base, 'options', k],
        `expected "Below X", "[X - Y]" or "Above X" with one unit of ms, mV, bpm, degrees, found ${describeValue(option)}`,
      );
      continue;
    }
    if (unit === null) unit = r.unit;
    else if (r.unit !== unit) {
      report(
        out,
        'measurement-unit',
        [...base, 'options', k],
        `expected a range in ${unit} like options[0], found ${describeValue(option)}`,
      );
      continue;
    }
    if (r.lo !== null && r.hi !== null && !(r.lo < r.hi)) {
      report(
        out,
        'measurement-range-order',
        [...base, 'options', k],
        `expected the lower bound first, found ${describeValue(option)}`,
      );
      continue;
    }
    if (r.lo === null && k !== 0) {
      report(
        out,
        'measurement-order',
        [...base, 'options', k],
        `expected "Below ..." only as the first option, found it at position ${k}`,
      );
    } else if (r.hi === null && k !== options.length - 1) {
      report(
        out,
        'measurement-order',
        [...base, 'options', k],
        `expected "Above ..." only as the last option, found it at position ${k}`,
      );
    } else if (previous !== null && previous.hi !== null && r.lo !== null && r.lo < previous.hi) {
      report(
        out,
        'measurement-order',
        [...base, 'options', k],
        `expected a range starting at or above ${previous.hi}${previous.unit} (options[${previousIndex}] is ${describeRange(previous)}), found ${describeValue(option)}`,
      );
    }
    previous = r;
    previousIndex = k;
  }
}

/** Runs every cross-field rule on a structurally valid sample, appending problems to out. */
export function checkSampleRules(sample: BenchmarkSample, out: Problem[]): void {
  const meta = sample.metadata;
  if (meta.data_source === 'mimic_iv_ecg' && meta.subject_id === undefined) {
    report(
      out,
      'subject-id-source',
      ['metadata', 'subject_id'],
      'missing - expected the MIMIC-IV-ECG patient id (a text of digits), since data_source is "mimic_iv_ecg"',
    );
  } else if (meta.data_source !== 'mimic_iv_ecg' && meta.subject_id !== undefined) {
    report(
      out,
      'subject-id-source',
      ['metadata', 'subject_id'],
      `expected no subject_id (only mimic_iv_ecg samples have one; data_source is ${describeValue(meta.data_source)}), found ${describeValue(meta.subject_id)}`,
    );
  }
  checkInitial(sample.data.initial_diagnostic_question, meta.dx_label, out);
  const steps: readonly Step[] = sample.data.reasoning;
  if (steps.length === 0) {
    report(
      out,
      'reasoning-not-empty',
      ['data', 'reasoning'],
      'expected at least one reasoning step, found none',
    );
  } else if (steps.length > MAX_REASONING_STEPS) {
    report(
      out,
      'reasoning-too-long',
      ['data', 'reasoning'],
      `expected at most ${MAX_REASONING_STEPS} steps (the most in the real data), found ${steps.length}`,
    );
  }
  for (let i = 0; i < steps.length; i++) {
    checkStep(steps[i]!, i, i === steps.length - 1, meta.dx_label, out);
  }
}
