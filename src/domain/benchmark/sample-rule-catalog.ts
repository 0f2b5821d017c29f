/** The catalogue of cross-field sample rules (id, severity, meaning) and how a broken rule is reported. */
import type { Problem } from '../../schemas/issues';
import { problem } from '../../schemas/issues';

/** Length of every record in both sources (PTB-XL and MIMIC-IV-ECG): 10 s. */
export const RECORD_DURATION_S = 10;

/** Where in a sample a problem is: keys and indices from the sample's root. */
export type Path = readonly (string | number)[];

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

/** Appends a problem of the rule, with the rule's severity, at path. */
export function report(out: Problem[], rule: SampleRuleId, path: Path, message: string): void {
  out.push(problem(SAMPLE_RULES[rule][0], rule, path, message));
}
