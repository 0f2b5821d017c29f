/**
 * Pre-flags read off the sample's text alone, by the validator's own rules (one home for each):
 * a repeated option (options-distinct), a misspelled ordinal (ordinal-spelling), and an initial
 * answer or last decision that disagrees with dx_label (initial-answer-label, decision-last-step).
 */
import type { Problem } from '../../../schemas/issues';
import type { PreflagLocation, PreflagRule, SamplePart } from '../../../schemas/preflags';
import { SAMPLE_PARTS } from '../../../schemas/preflags';
import { checkSampleRules } from '../../benchmark/sample-rules';
import type { PreflagRuleFn } from './preflag';
import { preflag } from './preflag';

const FROM_VALIDATOR: Readonly<Record<string, PreflagRule>> = {
  'options-distinct': 'duplicate-option',
  'ordinal-spelling': 'misspelled-ordinal',
  'initial-answer-label': 'decision-disagrees-label',
  'decision-last-step': 'decision-disagrees-label',
};

const isPart = (x: unknown): x is SamplePart => (SAMPLE_PARTS as readonly unknown[]).includes(x);

/** The location a validator path names: data.reasoning[i].<part>[.j][.options.k]. */
function locate(path: readonly (string | number)[]): PreflagLocation {
  if (path[1] === 'initial_diagnostic_question') {
    return { step: null, part: 'initial_diagnostic_question', question: null, option: null };
  }
  const step = typeof path[2] === 'number' ? path[2] : null;
  const part = isPart(path[3]) ? path[3] : null;
  const rest = path.slice(4);
  const question = part === 'ecg_grounding' && typeof rest[0] === 'number' ? rest[0] : null;
  const optionsAt = rest.indexOf('options');
  const option =
    optionsAt >= 0 && typeof rest[optionsAt + 1] === 'number' ? rest[optionsAt + 1] : null;
  return { step, part, question, option: option as number | null };
}

/** The options of the question a location names. */
function optionsAt(input: Parameters<PreflagRuleFn>[0], where: PreflagLocation): readonly string[] {
  const data = input.sample.data;
  if (where.part === 'initial_diagnostic_question') return data.initial_diagnostic_question.options;
  const step = where.step === null ? undefined : data.reasoning[where.step];
  if (!step || where.part === null) return [];
  if (where.part === 'ecg_grounding')
    return where.question === null ? [] : (step.ecg_grounding[where.question]?.options ?? []);
  return step[where.part].options;
}

/** The answer of the initial question or of a step's decision. */
function answerAt(input: Parameters<PreflagRuleFn>[0], where: PreflagLocation): string | undefined {
  const data = input.sample.data;
  if (where.part === 'initial_diagnostic_question') return data.initial_diagnostic_question.answer;
  const step = where.step === null ? undefined : data.reasoning[where.step];
  return step?.diagnostic_decision.answer;
}

function message(rule: PreflagRule, problem: Problem, text: string | undefined): string {
  switch (rule) {
    case 'duplicate-option':
      return `The option ${JSON.stringify(text)} appears twice in this question: a reader cannot tell the two apart.`;
    case 'misspelled-ordinal':
      return `The beat ordinal in ${JSON.stringify(text)} is misspelled (English writes 1st, 2nd, 3rd, 4th, 11th, 21st).`;
    default:
      return `The answer ${JSON.stringify(text)} disagrees with the sample's label: ${problem.message}.`;
  }
}

/** Duplicated options, misspelled ordinals, initial answer or last decision against dx_label. */
export const textRules: PreflagRuleFn = (input) => {
  const problems: Problem[] = [];
  checkSampleRules(input.sample, problems);
  return problems.flatMap((p) => {
    const rule = FROM_VALIDATOR[p.rule];
    if (!rule) return [];
    const where = locate(p.path);
    const text =
      rule === 'decision-disagrees-label'
        ? answerAt(input, where)
        : where.option === null
          ? undefined
          : optionsAt(input, where)[where.option];
    const expected =
      rule === 'decision-disagrees-label'
        ? input.sample.metadata.dx_label
          ? 'Yes'
          : 'No'
        : undefined;
    return [
      preflag(rule, message(rule, p, text), where, {
        ...(text === undefined ? {} : { text }),
        ...(expected === undefined ? {} : { expected }),
      }),
    ];
  });
};
