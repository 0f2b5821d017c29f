/**
 * Measures a measurement question's quantity on the engine's Measurements: on the beat of its
 * selected segment when the segment holds the wave it names, else on the median beat (or the
 * whole record for rates), saying so. The value is rounded to a reading step (1 ms, 1 bpm,
 * 1 degree, 0.01 mV: finer than any bin edge the benchmark writes) once, here, so the value a
 * reviewer reads is the value binned.
 */
import type { StandardLead } from '../../leads';
import type { Measured, MeasuredBeat, Measurements } from '../../measure/types';
import type { MeasurementUnit } from '../options';
import { waveInWindow } from './beats';
import type { MeasuredQuantity } from './question-text';
import type { MeasurementTarget } from './target';
import type { SecondsWindow } from './types';

/** The smallest step a measured value is read to, per unit. */
export const READING_STEP: Readonly<Record<MeasurementUnit, number>> = {
  ms: 1,
  bpm: 1,
  degrees: 1,
  mV: 0.01,
};

/** A value rounded to its unit's reading step. */
export function roundReading(value: number, unit: MeasurementUnit): number {
  // Scale by the whole inverse step: 121 / 100 is 1.21 where 121 * 0.01 is 1.2100000000000002.
  const perUnit = Math.round(1 / READING_STEP[unit]);
  return Math.round(value * perUnit) / perUnit;
}

/** What a value was measured on: one detected beat, the median beat, or the whole record. */
export type MeasuredBasis = 'beat' | 'median-beat' | 'record';

/** A measurement question measured: the value, what it was measured on, or why not. */
export interface GroundingValue {
  readonly quantity: MeasuredQuantity | null;
  /** Rounded to READING_STEP; null when it could not be measured (see note). */
  readonly value: number | null;
  readonly unit: MeasurementUnit | null;
  readonly basis: MeasuredBasis | null;
  /** 0-based index into Measurements.beats when basis is 'beat'. */
  readonly beatIndex: number | null;
  readonly lead: StandardLead | null;
  /** The selected segment's window the question points at, if any. */
  readonly window: SecondsWindow | null;
  /** Why value is null, or why it was measured on the median beat instead of the segment's beat. */
  readonly note: string | null;
}

const span = (w: SecondsWindow) => `${w.startS}–${w.endS} s`;

/** The beat of the target's selected segment: the beat of the wave its answer window holds. */
function segmentBeat(target: MeasurementTarget, m: Measurements) {
  const seg = target.segment;
  if (!seg) return { beat: null, missing: null };
  if (!seg.window) return { beat: null, missing: 'the selected segment is not a time window' };
  const found = waveInWindow(seg.wave.waveKind, seg.window, m.beats);
  const beat = found.held && found.beatIndex !== null ? (m.beats[found.beatIndex] ?? null) : null;
  return { beat, missing: beat ? null : `no detected beat in ${span(seg.window)}` };
}

/**
 * Measures what `target` asks on `m`. Premature-beat QRS: the segment's beat, else (no segment)
 * the engine's first premature beat. Atrial rate: from every P wave the engine finds, conducted
 * or not (atrial-activity.ts).
 */
export function measureTarget(target: MeasurementTarget, m: Measurements): GroundingValue {
  const { quantity, unit, lead } = target;
  const window = target.segment?.window ?? null;
  const base = { quantity, unit, lead, window };
  const out = (
    raw: number | null | undefined,
    basis: MeasuredBasis | null,
    beat: MeasuredBeat | null,
    note: string | null | undefined,
  ): GroundingValue => {
    const value = raw === null || raw === undefined || !unit ? null : roundReading(raw, unit);
    return {
      ...base,
      value,
      basis: value === null ? null : basis,
      beatIndex: value !== null && basis === 'beat' ? (beat?.index ?? null) : null,
      note: note ?? (value === null ? 'not measured' : null),
    };
  };
  const { beat, missing } = segmentBeat(target, m);
  const perBeat = (fromBeat: number | null | undefined, median: Measured) =>
    beat && fromBeat !== null && fromBeat !== undefined
      ? out(fromBeat, 'beat', beat, null)
      : out(
          median.value,
          'median-beat',
          null,
          missing ?? (beat ? 'not measurable on the selected beat' : null) ?? median.note,
        );
  switch (quantity) {
    case 'heart_rate':
      return out(m.global.heartRate.value, 'record', null, m.global.heartRate.note);
    case 'atrial_rate':
      return out(m.atrial.rate.value, 'record', null, m.atrial.rate.note);
    case 'qrs_duration':
      return perBeat(beat?.qrsMs, m.global.qrs);
    case 'pr_interval':
      return perBeat(beat?.prMs, m.global.pr);
    case 'qrs_axis':
      return perBeat(beat?.qrsAxisDeg, m.global.qrsAxis);
    case 'premature_qrs_duration': {
      if (target.segment) return out(beat?.qrsMs, 'beat', beat, missing);
      const first = m.beats.find((b) => b.premature) ?? null;
      return out(first?.qrsMs, 'beat', first, first ? null : 'no premature beat detected');
    }
    case 'r_amplitude':
    case 's_amplitude': {
      if (!lead) return out(null, null, null, target.problems.join('; ') || 'no lead');
      const key = quantity === 'r_amplitude' ? 'rMv' : 'sMv';
      const onBeat = beat?.leads[lead]?.[key];
      if (beat && onBeat !== undefined) return out(onBeat, 'beat', beat, null);
      const median = m.leads[lead];
      if (!median) return out(null, null, null, `lead ${lead} is not in the record`);
      return out(median[key], 'median-beat', null, missing);
    }
    default:
      return out(null, null, null, target.problems.join('; ') || 'not a quantity the app measures');
  }
}
