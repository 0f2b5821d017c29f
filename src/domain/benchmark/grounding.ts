/**
 * THE home of the grounding rules: turns any grounding question or option into structured data
 * (leads, windows in seconds, "Nth QRS wave" ranges through detected beats, the measured quantity
 * with its lead, beat and window, measurement bins) and measures a quantity on the engine's
 * Measurements, and reads the finding a step states (a threshold, or a per-lead finding over a lead
 * group) with the engine's numbers for it. The plot's bands, the value a reviewer sees, the CLI's
 * benchmark check, review pre-flags and curator re-sampling all call it; nothing parses a display
 * string back.
 * The rules live in grounding/ (one small file each); this file is their one entry.
 */
import type { Measurements } from '../measure/types';
import type { BinPlace, BinVerdict } from './grounding/bins';
import { binVerdict, placeValue } from './grounding/bins';
import type { GroundingValue } from './grounding/measure';
import { measureTarget } from './grounding/measure';
import type { MeasurementTarget } from './grounding/target';
import { measurementTarget } from './grounding/target';
import type { GroundingPosition, StepInput } from './grounding/types';

export type {
  BeatRangeOption,
  LeadOption,
  MeasurementRangeOption,
  MeasurementUnit,
  TimeWindowOption,
} from './options';
// The inverse direction (options from a record, for re-sampling) writes with these.
export {
  formatBeatRange,
  formatMeasurementRange,
  formatTimeWindow,
  rangeContains,
} from './options';
export * from './grounding/types';
export * from './grounding/question-text';
export * from './grounding/read';
export * from './grounding/bins';
export * from './grounding/beats';
export * from './grounding/target';
export * from './grounding/measure';
export * from './grounding/finding';
export * from './grounding/finding-values';

/** A measurement question measured and set against its options. */
export interface MeasuredGrounding {
  readonly target: MeasurementTarget;
  readonly measured: GroundingValue;
  /** Where the value falls among the options; null when nothing was measured. */
  readonly place: BinPlace | null;
  /** How the value sits against the answer option. */
  readonly verdict: BinVerdict;
}

/** Measures measurement question `at` of a sample on `m` and bins the value; null for other questions. */
export function measureGrounding(
  steps: readonly StepInput[],
  at: GroundingPosition,
  m: Measurements,
): MeasuredGrounding | null {
  const target = measurementTarget(steps, at);
  if (!target) return null;
  const measured = measureTarget(target, m);
  const value = measured.value;
  const answer = target.read.answerIdx[0] ?? -1;
  return {
    target,
    measured,
    place: value === null ? null : placeValue(target.read.options, value),
    verdict: binVerdict(target.read.options, answer, value),
  };
}
