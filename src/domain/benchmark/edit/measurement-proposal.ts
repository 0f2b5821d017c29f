/**
 * The answer the engine proposes for a measurement question: its value for the question (the
 * grounding module's measureGrounding, on the beat of the question's selected segment) and the
 * option whose bin holds it (placeValue); outside every bin, the nearest bin, said so.
 */
import type { BenchmarkSampleV002 } from '../../../schemas/benchmark-sample';
import type { Measurements } from '../../measure/types';
import type { MeasurementUnit } from '../grounding';
import { measureGrounding } from '../grounding';

/** A proposed measurement answer, or why there is none. */
export type MeasurementProposal =
  | {
      readonly ok: true;
      /** The measured value, rounded to its unit's reading step. */
      readonly value: number;
      readonly unit: MeasurementUnit;
      /** The option to choose. */
      readonly optionIndex: number;
      /** True when a bin holds the value; false when the nearest bin was taken. */
      readonly held: boolean;
      /** True when the question's answer already is that option. */
      readonly current: boolean;
    }
  | { readonly ok: false; readonly reason: string };

/** The engine's proposal for measurement question `index` of step `step`. */
export function proposeMeasurementAnswer(
  sample: BenchmarkSampleV002,
  at: { readonly step: number; readonly index: number },
  m: Measurements,
): MeasurementProposal {
  const checked = measureGrounding(sample.data.reasoning, at, m);
  if (!checked) return { ok: false, reason: 'not a measurement question' };
  const { value, unit, note } = checked.measured;
  if (value === null || unit === null)
    return { ok: false, reason: note ?? 'the engine does not measure this quantity' };
  const place = checked.place!;
  const options = checked.target.read.options;
  const distance = (i: number | null) => {
    const o = i === null ? null : options[i];
    if (!o || o.kind !== 'range') return Infinity;
    return Math.min(Math.abs(value - (o.lo ?? value)), Math.abs(value - (o.hi ?? value)));
  };
  const nearest = distance(place.below) <= distance(place.above) ? place.below : place.above;
  const optionIndex = place.holding ?? nearest;
  if (optionIndex === null)
    return { ok: false, reason: `no option is a range in ${unit} to hold ${value} ${unit}` };
  return {
    ok: true,
    value,
    unit,
    optionIndex,
    held: place.holding !== null,
    current: checked.target.read.answerIdx[0] === optionIndex,
  };
}
