/** Cross-field rules of a benchmark sample (the rules zod's shapes cannot say). */
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
import { describeValue } from '../../schemas/issues';
import { checkGrounding } from './grounding-option-rules';
import { checkAnswer, checkFixedOptions, checkOptions, checkQuestionText } from './question-rules';
import { report } from './sample-rule-catalog';

export { RECORD_DURATION_S, SAMPLE_RULES } from './sample-rule-catalog';
export type { SampleRuleId } from './sample-rule-catalog';

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
