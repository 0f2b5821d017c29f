/** Delineation of the median beat, and the matcher that finds its P wave in each beat. */
import { findQrsBounds, findWave, P_EDGE_LEVELS, refineQrsBoundsAcrossLeads } from './delineate';
import type { WaveBounds } from './delineate';
import { slopeNoise } from './beat-fiducials';
import { PR_BASELINE_MS, meanOver } from './lead-amplitudes';
import { msToSamples, round } from './measure-math';
import { summedSlope } from './median-beat';
import type { PreparedLeads } from './signal-prep';

/** Smallest P wave (mV) the engine looks for. */
export const P_MIN_MV = 0.03;
/** Smallest T wave (mV) the engine looks for. */
export const T_MIN_MV = 0.04;
const BASELINE_FROM_MS = PR_BASELINE_MS.from;
const BASELINE_TO_MS = PR_BASELINE_MS.to;

/** A beat's P wave counts as the median beat's when their shapes correlate at least this much. */
const P_MATCH_CORRELATION = 0.8;

/**
 * Finds the median beat's P wave in a beat: the shift (up to 50 ms either way of where the beat's
 * alignment puts it, never before `notBefore`) where the beat's leads best correlate with the
 * median P (20 ms of PR baseline either side, each lead's mean removed). The median P's bounds,
 * moved by that shift, are the beat's P bounds: on a small or noisy P they are steadier than the
 * beat's own edges. The matcher returns null when no shift correlates P_MATCH_CORRELATION or more.
 */
export function medianPMatcher(
  flat: readonly Float32Array[],
  medianLeads: readonly Float32Array[],
  p: WaveBounds,
  fs: number,
): (medianStart: number, notBefore: number) => WaveBounds | null {
  const margin = msToSamples(20, fs);
  const from = Math.max(0, p.onset - margin);
  const len = Math.min(medianLeads[0]!.length - 1, p.offset + margin) - from + 1;
  const maxShift = msToSamples(50, fs);
  // P waves hold nothing above ~40 Hz: every 4 ms is sample enough for the correlation.
  const stride = Math.max(1, msToSamples(4, fs));
  const count = Math.ceil(len / stride);
  const all = medianLeads.map((x) => {
    const t = new Float64Array(count);
    let mean = 0;
    for (let j = 0; j < count; j++) mean += t[j] = x[from + j * stride]!;
    mean /= count;
    let energy = 0;
    for (let j = 0; j < count; j++) energy += (t[j]! -= mean) ** 2;
    return { t, energy };
  });
  const total = all.reduce((a, l) => a + l.energy, 0);
  // Leads with next to no P wave add cost, not information.
  const used = all.flatMap((l, k) => (l.energy >= 0.02 * total ? [{ ...l, x: flat[k]! }] : []));
  const usedEnergy = used.reduce((a, l) => a + l.energy, 0);
  const scoreAt = (start: number): number => {
    let cross = 0;
    let energy = 0;
    for (const { t, x } of used) {
      let dot = 0;
      let sum = 0;
      let sumSq = 0;
      for (let j = 0, i = start; j < count; j++, i += stride) {
        const v = x[i]!;
        dot += v * t[j]!;
        sum += v;
        sumSq += v * v;
      }
      // t has zero mean, so x needs no centring for the dot product.
      cross += dot;
      energy += sumSq - (sum * sum) / count;
    }
    return energy > 0 ? cross / Math.sqrt(energy * usedEnergy) : -Infinity;
  };
  return (medianStart, notBefore) => {
    if (usedEnergy <= 0) return null;
    const lo = Math.max(notBefore, medianStart + from - maxShift);
    const hi = Math.min(flat[0]!.length - len, medianStart + from + maxShift);
    if (hi < lo) return null;
    // Coarse steps of one stride, then every sample around the best.
    let best = -Infinity;
    let bestStart = lo;
    for (let start = lo; start <= hi; start += stride) {
      const score = scoreAt(start);
      if (score > best) {
        best = score;
        bestStart = start;
      }
    }
    const coarse = bestStart;
    for (let start = Math.max(lo, coarse - stride + 1); start < coarse + stride; start++) {
      if (start > hi || start === coarse) continue;
      const score = scoreAt(start);
      if (score > best) {
        best = score;
        bestStart = start;
      }
    }
    if (best < P_MATCH_CORRELATION) return null;
    const at = bestStart - from;
    return {
      onset: at + p.onset,
      peak: at + p.peak,
      offset: at + p.offset,
      magnitudeMv: p.magnitudeMv,
    };
  };
}

/** The median beat's fiducials (sample indices into the median beat) and what they give. */
export interface MedianDelineation {
  leads: Float32Array[];
  qrsOnset: number;
  qrsOffset: number;
  qrsMs: number;
  p: WaveBounds | null;
  t: WaveBounds | null;
  hasP: boolean;
  baselines: number[];
  pSearchMs: number;
  rrMs: number | null;
  relMs: (index: number | null) => number | null;
  toMs: (samples: number) => number;
}

/** Finds QRS, P and T in the median beat; what it cannot find goes into notes. */
export function delineateMedian(
  prepared: PreparedLeads,
  leads: Float32Array[],
  pre: number,
  refRrMs: number | null,
  irregular: boolean,
  notes: string[],
  recordNoise: { floor: number; spread: number },
  beatCount: number,
): MedianDelineation {
  const fs = prepared.fsHz;
  const slope = summedSlope(leads);
  // The median beat is mostly waves, not baseline: take the record's noise, shrunk by the median.
  const own = slopeNoise(slope);
  const shrink = Math.sqrt(Math.max(1, beatCount));
  const spread = Math.min(own.spread, recordNoise.spread / shrink);
  const composite = findQrsBounds(slope, pre, fs, own.floor, spread);
  // The offset takes the lead-by-lead offsets too, as per beat, so a terminal wave in few leads
  // (an RBBB R') or after a notch counts; the onset stays the composite one, which the lead-by-lead
  // onsets only moved earlier than the truth on clean synthetic median beats.
  const onset = composite.onset;
  const offset = refineQrsBoundsAcrossLeads(leads, composite, fs).offset;
  const baselines = leads.map((x) =>
    meanOver(x, onset - msToSamples(BASELINE_FROM_MS, fs), onset - msToSamples(BASELINE_TO_MS, fs)),
  );
  const len = leads[0]!.length;
  const rrSamples = refRrMs === null ? null : msToSamples(refRrMs, fs);
  const tEnd = Math.min(
    len - 1,
    rrSamples === null ? len - 1 : onset + rrSamples - msToSamples(80, fs),
  );
  const t = findWave(
    leads,
    { kind: 'levels', levels: baselines },
    offset + msToSamples(40, fs),
    tEnd,
    fs,
    T_MIN_MV,
  );
  const prevTEnd = t && rrSamples !== null ? t.offset - rrSamples + msToSamples(20, fs) : 0;
  const pFrom = Math.max(0, prevTEnd, onset - msToSamples(340, fs));
  let p = findWave(
    leads,
    { kind: 'detrend' },
    pFrom,
    onset - msToSamples(20, fs),
    fs,
    P_MIN_MV,
    P_EDGE_LEVELS,
  );
  if (p && irregular && p.magnitudeMv < 0.1) {
    p = null;
    notes.push(
      'irregular RR and no clear P wave in the median beat: P, PR and P axis not measured',
    );
  } else if (!p) notes.push('no P wave found before the median QRS: PR and P axis not measured');
  if (!t) notes.push('no T wave found after the median QRS: QT and T axis not measured');
  const toMs = (samples: number) => round((samples / fs) * 1000, 1);
  return {
    leads,
    qrsOnset: onset,
    qrsOffset: offset,
    qrsMs: toMs(offset - onset),
    p,
    t,
    hasP: p !== null,
    baselines,
    pSearchMs: p ? toMs(onset - p.onset) + 60 : 300,
    rrMs: refRrMs,
    relMs: (index) => (index === null ? null : toMs(index - pre)),
    toMs,
  };
}
