/** Beat fiducials from the summed slope and QRS shapes: noise floor, steepest point, centroid, R peak, correlation. */
import type { PreparedLeads } from './signal-prep';

/** Noise of a summed-slope trace: floor = 20th percentile, spread = 40th minus 20th percentile. */
export function slopeNoise(slope: Float32Array): { floor: number; spread: number } {
  const step = Math.max(1, Math.floor(slope.length / 2000));
  const sample = new Float32Array(Math.max(0, Math.ceil((slope.length - 2) / step)));
  for (let i = 1, k = 0; i < slope.length - 1 && k < sample.length; i += step)
    sample[k++] = slope[i]!;
  sample.sort();
  const floor = sample[Math.floor(sample.length * 0.2)] ?? 0;
  return { floor, spread: (sample[Math.floor(sample.length * 0.4)] ?? floor) - floor };
}

/** Pearson correlation of two equally long sequences; 0 when either is flat. */
export function correlation(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/** QRS stretch of all leads around a fiducial, each lead relative to its first sample. */
export function qrsVector(
  leads: readonly ArrayLike<number>[],
  at: number,
  pre: number,
  post: number,
) {
  const out: number[] = [];
  for (const x of leads) {
    const base = x[at - pre]!;
    for (let i = at - pre; i <= at + post; i++) out.push(x[i]! - base);
  }
  return out;
}

/** Slope-weighted mean index over [from, to]. */
export function slopeCentroid(slope: Float32Array, from: number, to: number): number {
  let sum = 0;
  let weighted = 0;
  for (let i = from; i <= to; i++) {
    sum += slope[i]!;
    weighted += slope[i]! * i;
  }
  return sum > 0 ? Math.round(weighted / sum) : Math.round((from + to) / 2);
}

/** Index of the largest value within +-reach of centre. */
export function steepestNear(slope: Float32Array, centre: number, reach: number): number {
  let best = centre;
  for (let i = Math.max(0, centre - reach); i <= Math.min(slope.length - 1, centre + reach); i++) {
    if (slope[i]! > slope[best]!) best = i;
  }
  return best;
}

/** R peak: where the leads together deviate most from their level at QRS onset. */
export function rPeakOf(prepared: PreparedLeads, onset: number, offset: number): number {
  let best = onset;
  let bestScore = -1;
  for (let i = onset; i <= offset; i++) {
    let score = 0;
    for (const x of prepared.smooth) score += Math.abs(x[i]! - x[onset]!);
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}
