/**
 * Every pre-flag rule with its severity and meaning (the README's table), the margins the rules
 * allow the engine before they flag, and the version stored with each result.
 */
import type { PreflagRule, PreflagSeverity } from '../../../schemas/preflags';
import { MEASURE_ENGINE_VERSION } from '../../measure/version';

/** Bumped whenever a rule or a margin changes, so stored results can be told stale. */
export const PREFLAG_RULES_VERSION = '2';

/** What a stored result was computed with: the engine's and the rules' versions. */
export const PREFLAG_ENGINE_VERSION = `measure-${MEASURE_ENGINE_VERSION}+preflags-${PREFLAG_RULES_VERSION}`;

/** Severity and meaning of each rule. */
export const PREFLAG_RULES: Readonly<Record<PreflagRule, readonly [PreflagSeverity, string]>> = {
  'measurement-outside-bins': [
    'warning',
    "a measurement answer is neither the bin holding the engine's value nor a bin next to it",
  ],
  'wave-answer-misses': [
    'warning',
    'a wave answer window does not hold the wave its question names (QRS, P, T, ST-T, a premature beat, a non-conducted P), or a beat-range answer is not the longest RR',
  ],
  'wave-distractor-holds': [
    'warning',
    'a distractor window holds the named wave too (a QRS, a premature QRS, a P or T peak): two right answers',
  ],
  'lead-answer-not-shown': [
    'warning',
    "an answered lead's measurement says it does not show the finding, beyond the margin",
  ],
  'lead-answer-missing': [
    'warning',
    "a lead of the finding's group that is not answered shows the finding, beyond the margin",
  ],
  'lead-answer-outside-group': [
    'error',
    'an answered lead is not one of the leads the finding is about (padding leads are never right)',
  ],
  'finding-contradicts-measurement': [
    'warning',
    "a finding answer contradicts the engine's value beyond the margin (PR > 200 ms, QRS > 120 ms, HR < 70 bpm, axis ranges, amplitudes, per-lead findings counted over the group)",
  ],
  'answer-bin-against-finding': [
    'error',
    "a measurement answer's range lies wholly on the side of the threshold the finding answer denies (e.g. LPFB answered 75-90 degrees)",
  ],
  'measurement-against-window': [
    'error',
    'a QRS-duration answer whose range does not hold the length of the selected segment it is asked for (windows are written to 10 ms)',
  ],
  'duplicate-option': ['error', 'a question repeats an option'],
  'misspelled-ordinal': ['error', 'a beat ordinal is misspelled ("21th")'],
  'decision-disagrees-label': [
    'error',
    'the initial answer or the last decision disagrees with dx_label',
  ],
};

/** How far the engine's value must pass a threshold before a finding answer is contradicted. */
export const FINDING_MARGINS = {
  pr_interval: 20,
  qrs_duration: 15,
  heart_rate: 5,
  qrs_axis: 15,
  r_amplitude: 0.15,
  sokolow_lyon: 0.3,
  cornell_product: 0.03,
} as const;

/** Per-lead margins (mV): ST at J, T inversion, R/S dominance; Q duration (ms). */
export const LEAD_MARGINS = {
  stMv: 0.05,
  tMv: 0.1,
  dominanceMv: 0.1,
  qMs: 10,
} as const;

/** Beyond this engine QRS (ms), a lead's J point is uncertain: ST findings are not judged. */
export const ST_MAX_QRS_MS = 120;

/** A beat counts as on time (not premature) from this RR / expected RR up. */
export const ON_TIME_PREMATURITY = 0.95;
/** A beat counts as clearly premature up to this RR / expected RR. */
export const CLEARLY_PREMATURE = 0.8;
/** A beat-range answer is flagged when another option's RR is longer by this fraction. */
export const RR_LONGER_FRACTION = 0.1;
