/** Global (median-beat and RR) and per-lead measurements of a record, each with where it came from. */
import { axisFromArea } from './frontal-axis';
import { qrsAmplitudes } from './lead-amplitudes';
import { msToSamples, round } from './measure-math';
import type { MedianDelineation } from './median-delineation';
import type { PreparedLeads } from './signal-prep';
import type { GlobalMeasurements, LeadMeasurements, Measured, MeasureUnit } from './types';

function measured(
  value: number | null,
  unit: MeasureUnit,
  beats: readonly number[],
  leads: readonly string[],
  method: string,
  note?: string,
): Measured {
  const digits = unit === 'mV' ? 3 : unit === 's' ? 3 : 1;
  const v = value === null || !Number.isFinite(value) ? null : round(value, digits);
  return note === undefined && v !== null
    ? { value: v, unit, from: { beats, leads, method } }
    : { value: v, unit, from: { beats, leads, method }, note: note ?? 'could not be measured' };
}

/** Heart rate, RR, intervals, QTc and axes of the record. */
export function globalMeasurements(
  m: MedianDelineation | null,
  ctx: {
    rrMeanMs: number | null;
    rrSdMs: number | null;
    rr: readonly number[];
    allBeats: readonly number[];
    dominant: readonly number[];
    names: readonly string[];
  },
): GlobalMeasurements {
  const { rrMeanMs, rr, allBeats, dominant, names } = ctx;
  const rrNote = rr.length ? undefined : 'fewer than two beats detected';
  const rrFrom = (method: string) => [allBeats, [] as string[], method] as const;
  const medianMethod = 'median beat, all leads';
  const noMedian = 'no median beat';
  const fromMedian = (value: number | null, note: string, method = medianMethod) =>
    measured(
      m ? value : null,
      'ms',
      dominant,
      names,
      method,
      m ? (value === null ? note : undefined) : noMedian,
    );
  const qtMs = m?.t ? m.toMs(m.t.offset - m.qrsOnset) : null;
  const rrS = m?.rrMs != null ? m.rrMs / 1000 : null;
  const qtcNote = qtMs === null ? 'no QT' : rrS === null ? 'no RR' : undefined;
  const limbNames = names.filter((n) => n === 'I' || n === 'II' || n === 'aVF');
  const axisFrom = (a: number, b: number, what: string) => {
    if (!m) return measured(null, 'deg', dominant, limbNames, 'areas in I and aVF', noMedian);
    const value = axisFromArea(names, m.leads, m.baselines, a, b);
    return measured(
      value,
      'deg',
      dominant,
      limbNames,
      `${what} areas in I and aVF of the median beat`,
      value === null ? 'needs leads I and aVF (or I and II)' : undefined,
    );
  };
  return {
    heartRate: measured(
      rrMeanMs ? 60_000 / rrMeanMs : null,
      'bpm',
      ...rrFrom('60000 / mean RR over all beats'),
      rrNote,
    ),
    rrMean: measured(rrMeanMs, 'ms', ...rrFrom('mean RR'), rrNote),
    rrMin: measured(rr.length ? Math.min(...rr) : null, 'ms', ...rrFrom('shortest RR'), rrNote),
    rrMax: measured(rr.length ? Math.max(...rr) : null, 'ms', ...rrFrom('longest RR'), rrNote),
    rrSd: measured(
      ctx.rrSdMs,
      'ms',
      ...rrFrom('sample standard deviation of RR'),
      ctx.rrSdMs === null ? 'fewer than three beats detected' : undefined,
    ),
    pr: fromMedian(m?.p ? m.toMs(m.qrsOnset - m.p.onset) : null, 'no P wave'),
    qrs: fromMedian(m ? m.qrsMs : null, 'no QRS'),
    qt: fromMedian(qtMs, 'no T wave end'),
    qtcBazett: measured(
      qtMs !== null && rrS !== null ? qtMs / Math.sqrt(rrS) : null,
      'ms',
      dominant,
      names,
      'QT / sqrt(median RR in s)',
      qtcNote,
    ),
    qtcFridericia: measured(
      qtMs !== null && rrS !== null ? qtMs / Math.cbrt(rrS) : null,
      'ms',
      dominant,
      names,
      'QT / cbrt(median RR in s)',
      qtcNote,
    ),
    qrsAxis: axisFrom(m?.qrsOnset ?? 0, m?.qrsOffset ?? 0, 'QRS'),
    pAxis: m?.p
      ? axisFrom(m.p.onset, m.p.offset, 'P')
      : measured(null, 'deg', dominant, limbNames, 'P areas in I and aVF', 'no P wave'),
    tAxis: m?.t
      ? axisFrom(m.qrsOffset, m.t.offset, 'ST-T')
      : measured(null, 'deg', dominant, limbNames, 'T areas in I and aVF', 'no T wave'),
  };
}

/** Amplitudes, Q, ST and T per lead of the median beat. */
export function leadMeasurements(
  prepared: PreparedLeads,
  medianLeads: Float32Array[] | null,
  m: MedianDelineation | null,
  dominant: readonly number[],
): Record<string, LeadMeasurements> {
  const fs = prepared.fsHz;
  const out: Record<string, LeadMeasurements> = {};
  prepared.names.forEach((lead, k) => {
    const x = medianLeads?.[k];
    if (!x || !m) {
      out[lead] = {
        lead,
        fromBeats: dominant,
        rMv: null,
        sMv: null,
        qMs: null,
        qMv: null,
        stJMv: null,
        stJ60Mv: null,
        tMv: null,
        notes: ['no median beat'],
      };
      return;
    }
    const b = m.baselines[k]!;
    const a = qrsAmplitudes(x, b, m.qrsOnset, m.qrsOffset);
    const j60 = m.qrsOffset + msToSamples(60, fs);
    const notes: string[] = [];
    let tMv: number | null = null;
    if (m.t) {
      let best = 0;
      for (let i = m.t.onset; i <= m.t.offset && i < x.length; i++) {
        const v = x[i]! - b;
        if (Math.abs(v) > Math.abs(best)) best = v;
      }
      tMv = round(best, 3);
    } else notes.push('no T wave in the median beat');
    const stJ60 = j60 < x.length ? round(x[j60]! - b, 3) : null;
    if (stJ60 === null) notes.push('J+60 ms lies beyond the median beat');
    out[lead] = {
      lead,
      fromBeats: dominant,
      rMv: round(a.rMv, 3),
      sMv: round(a.sMv, 3),
      qMs: round((a.qSamples / fs) * 1000, 1),
      qMv: round(a.qMv, 3),
      stJMv: round(x[m.qrsOffset]! - b, 3),
      stJ60Mv: stJ60,
      tMv,
      notes,
    };
  });
  return out;
}
