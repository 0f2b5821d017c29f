/** Signal conditioning shared by detection and delineation: NaN filling, spike removal, smoothing, slope. */
import type { EcgRecord } from '../wfdb/record';
import { isStandardLead, STANDARD_LEADS } from '../leads';

/** A record's usable leads, conditioned: smoothed samples and their combined slope. */
export interface PreparedLeads {
  readonly fsHz: number;
  readonly n: number;
  readonly names: readonly string[];
  /** Lightly low-passed samples per lead (6 ms average; mV), NaN filled, pacing spikes removed. */
  readonly smooth: readonly Float32Array[];
  /** Sum over leads (the largest left out when >= 4 leads) of |central-difference slope| of `smooth` (mV per 2 samples), for delineation. */
  readonly slope: Float32Array;
  /**
   * Like `slope`, but with the six limb leads (two independent signals) weighted 1/3 each when all
   * are present, so limb-lead noise or tremor counts as two leads, not six: for QRS bounds.
   */
  readonly boundsSlope: Float32Array;
  /** Sum over leads (the largest left out when >= 4 leads) of squared slope of a 12 ms average, for beat detection. */
  readonly slopeEnergy: Float32Array;
}

const LIMB_LEADS: readonly string[] = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF'];

/** Centred moving average of width w (odd), edges averaged over what exists. */
export function movingAverage(x: ArrayLike<number>, w: number, out = new Float32Array(x.length)) {
  const n = x.length;
  const half = Math.max(0, Math.floor(w / 2));
  let acc = 0;
  for (let i = 0; i < Math.min(n, half); i++) acc += x[i]!;
  for (let i = 0; i < n; i++) {
    const add = i + half;
    if (add < n) acc += x[add]!;
    const drop = i - half - 1;
    if (drop >= 0) acc -= x[drop]!;
    const count = Math.min(n - 1, add) - Math.max(0, i - half) + 1;
    out[i] = acc / count;
  }
  return out;
}

/** Copies a signal, filling NaN runs with the last valid value (or the first valid one at the start). */
function fillGaps(x: Float32Array): Float32Array | null {
  const n = x.length;
  let first = -1;
  for (let i = 0; i < n; i++) {
    if (x[i] === x[i]) {
      first = i;
      break;
    }
  }
  if (first < 0) return null;
  const out = new Float32Array(n);
  let last = x[first]!;
  for (let i = 0; i < n; i++) {
    const v = x[i]!;
    if (v === v) last = v;
    out[i] = last;
  }
  return out;
}

/**
 * Removes pacing spikes: samples whose second difference is far beyond anything a QRS makes
 * (over 3 mV per sample^2 at 500 Hz, scaled by fs) are replaced by linear interpolation.
 */
function removeSpikes(x: Float32Array, fsHz: number): void {
  const limit = 3 * (500 / fsHz) ** 2;
  const n = x.length;
  const reach = Math.max(1, Math.round(fsHz * 0.004));
  for (let i = 1; i < n - 1; i++) {
    const dd = x[i - 1]! - 2 * x[i]! + x[i + 1]!;
    if (Math.abs(dd) <= limit) continue;
    const lo = Math.max(0, i - reach - 1);
    const hi = Math.min(n - 1, i + reach + 1);
    const a = x[lo]!;
    const b = x[hi]!;
    for (let k = lo + 1; k < hi; k++) x[k] = a + ((b - a) * (k - lo)) / (hi - lo);
    i = hi;
  }
}

/** Standard leads first in their usual order, then other signals; all-NaN signals dropped. */
export function prepareLeads(record: EcgRecord): PreparedLeads {
  const fs = record.fsHz;
  const n = record.nSamples;
  const ordered = [
    ...STANDARD_LEADS.flatMap((name) => record.signals.filter((s) => s.name === name)),
    ...record.signals.filter((s) => !isStandardLead(s.name)),
  ];
  const names: string[] = [];
  const smooth: Float32Array[] = [];
  const wide = Math.max(1, Math.round(fs * 0.012)) | 1;
  const fine = Math.max(1, Math.round(fs * 0.006)) | 1;
  const scratch = new Float32Array(n);
  const slopeTop = new Float32Array(n);
  const energyTop = new Float32Array(n);
  const slope = new Float32Array(n);
  const boundsTop = new Float32Array(n);
  const boundsSlope = new Float32Array(n);
  const slopeEnergy = new Float32Array(n);
  const allLimbs = LIMB_LEADS.every((name) => ordered.some((s) => s.name === name));
  for (const signal of ordered) {
    if (names.includes(signal.name)) continue;
    const weight = allLimbs && LIMB_LEADS.includes(signal.name) ? 1 / 3 : 1;
    const filled = fillGaps(signal.mv.length === n ? signal.mv : signal.mv.subarray(0, n));
    if (!filled) continue;
    removeSpikes(filled, fs);
    const y = movingAverage(filled, fine);
    const z = movingAverage(filled, wide, scratch);
    names.push(signal.name);
    smooth.push(y);
    for (let i = 1; i < n - 1; i++) {
      const a = Math.abs(y[i + 1]! - y[i - 1]!);
      slope[i]! += a;
      if (a > slopeTop[i]!) slopeTop[i] = a;
      const wa = weight * a;
      boundsSlope[i]! += wa;
      if (wa > boundsTop[i]!) boundsTop[i] = wa;
      const d = z[i + 1]! - z[i - 1]!;
      const e = d * d;
      slopeEnergy[i]! += e;
      if (e > energyTop[i]!) energyTop[i] = e;
    }
  }
  // With four or more leads, leave out the single largest lead at each sample: an artifact in
  // one lead (an electrode pop) then cannot outweigh a QRS that all the others show.
  if (names.length >= 4) {
    for (let i = 0; i < n; i++) {
      slope[i]! -= slopeTop[i]!;
      boundsSlope[i]! -= boundsTop[i]!;
      slopeEnergy[i]! -= energyTop[i]!;
    }
  }
  return { fsHz: fs, n, names, smooth, slope, boundsSlope, slopeEnergy };
}

/**
 * Subtracts baseline wander: per lead, a line through the PR-segment levels at the given knots
 * (sample indices, ascending), held flat before the first and after the last; returns new arrays.
 */
export function removeBaseline(
  leads: readonly Float32Array[],
  knots: readonly number[],
  halfWidth: number,
): Float32Array[] {
  return leads.map((x) => {
    const n = x.length;
    const out = new Float32Array(x);
    if (knots.length === 0) return out;
    const levels = knots.map((k) => {
      let sum = 0;
      let count = 0;
      for (let i = Math.max(0, k - halfWidth); i <= Math.min(n - 1, k + halfWidth); i++) {
        sum += x[i]!;
        count++;
      }
      return count ? sum / count : 0;
    });
    let seg = 0;
    for (let i = 0; i < n; i++) {
      while (seg < knots.length && knots[seg]! <= i) seg++;
      let level: number;
      if (seg === 0) level = levels[0]!;
      else if (seg === knots.length) level = levels[knots.length - 1]!;
      else {
        const k0 = knots[seg - 1]!;
        const k1 = knots[seg]!;
        level = levels[seg - 1]! + ((levels[seg]! - levels[seg - 1]!) * (i - k0)) / (k1 - k0);
      }
      out[i] = x[i]! - level;
    }
    return out;
  });
}
