/**
 * The engine's numbers for a stated finding: the record value a threshold is set on (PR, QRS,
 * heart rate and axis of the median beat; amplitudes of the median beat of a lead; Sokolow-Lyon
 * and Cornell sums from them), and a lead's QRS, ST and T numbers for per-lead findings. All are
 * median-beat values: the benchmark's findings describe the ECG, not one beat.
 */
import type { Measurements } from '../../measure/types';
import type { RecordFinding } from './finding';

/** A lead's median-beat numbers a per-lead finding is judged on (mV; qMs in ms); null: not measured. */
export interface LeadParts {
  readonly rMv: number | null;
  readonly sMv: number | null;
  readonly qMs: number | null;
  readonly qMv: number | null;
  /** ST level at the J point (QRS offset), signed. */
  readonly stJMv: number | null;
  /** Largest deviation in the T wave, signed. */
  readonly tMv: number | null;
  /** The deepest negative QRS deflection: an S, or the Q of a QS complex. */
  readonly negativeMv: number | null;
}

/** A lead's numbers; null when the record has no such lead. */
export function leadParts(m: Measurements, lead: string): LeadParts | null {
  const l = m.leads[lead];
  if (!l) return null;
  const negativeMv = l.sMv === null && l.qMv === null ? null : Math.max(l.sMv ?? 0, l.qMv ?? 0);
  return {
    rMv: l.rMv,
    sMv: l.sMv,
    qMs: l.qMs,
    qMv: l.qMv,
    stJMv: l.stJMv,
    tMv: l.tMv,
    negativeMv,
  };
}

/** A record value for a finding, or null with why. */
export interface FindingValue {
  readonly value: number | null;
  readonly note: string | null;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

/** The record value a finding's threshold is set on (rounded as a reviewer reads it). */
export function recordFindingValue(f: RecordFinding, m: Measurements): FindingValue {
  const g = m.global;
  const of = (value: number | null, note: string | undefined, digits = 0): FindingValue =>
    value === null
      ? { value: null, note: note ?? 'not measured' }
      : { value: round(value, digits), note: null };
  const amp = (lead: string, key: 'rMv' | 'sMv') => m.leads[lead]?.[key] ?? null;
  switch (f.quantity) {
    case 'pr_interval':
      return of(g.pr.value, g.pr.note);
    case 'qrs_duration':
      return of(g.qrs.value, g.qrs.note);
    case 'heart_rate':
      return of(g.heartRate.value, g.heartRate.note);
    case 'qrs_axis':
      return of(g.qrsAxis.value, g.qrsAxis.note);
    case 'r_amplitude':
      return f.lead
        ? of(amp(f.lead, 'rMv'), `lead ${f.lead} not measured`, 2)
        : of(null, 'no lead');
    case 'sokolow_lyon': {
      const s = amp('V1', 'sMv');
      const r5 = amp('V5', 'rMv');
      const r6 = amp('V6', 'rMv');
      const r = r5 === null ? r6 : r6 === null ? r5 : Math.max(r5, r6);
      return of(s === null || r === null ? null : s + r, 'S in V1 or R in V5/V6 not measured', 2);
    }
    case 'cornell_product': {
      const r = amp('aVL', 'rMv');
      const s = amp('V3', 'sMv');
      const qrs = g.qrs.value;
      return of(
        r === null || s === null || qrs === null ? null : ((r + s) * qrs) / 1000,
        'R in aVL, S in V3 or the QRS duration not measured',
        3,
      );
    }
  }
}
