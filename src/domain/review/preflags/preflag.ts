/** Building pre-flags: where in the sample, and one constructor that takes the rule's severity. */
import type {
  Preflag,
  PreflagLocation,
  PreflagNumbers,
  PreflagRule,
} from '../../../schemas/preflags';
import type { BenchmarkSample } from '../../../schemas/benchmark-sample';
import type { Measurements } from '../../measure/types';
import { ordinalSuffix } from '../../benchmark/options';
import { PREFLAG_RULES } from './catalog';

/** What every rule receives: the sample (either format version) and the engine's measurements of its ECG, if read. */
export interface RuleInput {
  readonly sample: BenchmarkSample;
  /** Null when the record could not be read: rules that need the signal stay silent. */
  readonly m: Measurements | null;
}

/** A rule: findings on one sample. */
export type PreflagRuleFn = (input: RuleInput) => Preflag[];

/** A pre-flag of `rule` (severity from the catalog). */
export function preflag(
  rule: PreflagRule,
  message: string,
  at: PreflagLocation,
  numbers: PreflagNumbers,
): Preflag {
  return { rule, severity: PREFLAG_RULES[rule][0], message, at, numbers };
}

/** Locations in a sample. */
export const at = {
  grounding: (step: number, question: number, option: number | null = null): PreflagLocation => ({
    step,
    part: 'ecg_grounding',
    question,
    option,
  }),
  finding: (step: number): PreflagLocation => ({
    step,
    part: 'finding_identification',
    question: null,
    option: null,
  }),
};

/** "1st", "2nd", ... for messages (1-based). */
export function nth(n: number): string {
  return `${n}${ordinalSuffix(n)}`;
}
