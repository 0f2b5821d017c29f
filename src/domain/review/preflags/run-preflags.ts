/**
 * The pre-flag rules run on one sample: pure, so the server's worker threads, the CLI and the
 * tests all run the same code. Rules that need the signal stay silent when the record is missing.
 */
import type { Preflag } from '../../../schemas/preflags';
import type { BenchmarkSample } from '../../../schemas/benchmark-sample';
import type { Measurements } from '../../measure/types';
import { findingRules } from './finding-rules';
import { leadRules } from './lead-rules';
import { measurementRule } from './measurement-rule';
import type { PreflagRuleFn } from './preflag';
import { textRules } from './text-rules';
import { waveRules } from './wave-rules';
import { windowWidthRule } from './window-width-rule';

/** Every rule, in the order its findings are listed. */
const RULES: readonly PreflagRuleFn[] = [
  textRules,
  findingRules,
  windowWidthRule,
  measurementRule,
  waveRules,
  leadRules,
];

/** Runs every pre-flag rule on a sample; `m` is its ECG measured, or null when unreadable. */
export function preflagSample(sample: BenchmarkSample, m: Measurements | null): Preflag[] {
  return RULES.flatMap((rule) => rule({ sample, m }));
}
