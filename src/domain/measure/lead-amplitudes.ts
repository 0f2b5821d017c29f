/** R, S and Q of one lead within a QRS, relative to a baseline. */

/** Amplitudes and Q of one lead over [onset, offset] (indices into x), baseline subtracted. */
export interface QrsAmplitudes {
  readonly rMv: number;
  readonly sMv: number;
  readonly qSamples: number;
  readonly qMv: number;
}

/** Each lead's zero: its mean from this long (ms) to this short before QRS onset, on the PR segment. */
export const PR_BASELINE_MS = { from: 20, to: 8 } as const;

/** Deflections below this (mV) do not count as an initial Q. */
const Q_MIN_MV = 0.02;

/**
 * R: highest point (>= 0); S: deepest point after the first R wave (or anywhere for a QS), as a
 * depth; Q: initial negative part (all of a QS). The first R wave is the first local maximum that
 * reaches a tenth of the R (and Q_MIN_MV): in an rSR' the S lies between r and R', before the
 * highest point, and measuring it after the highest point would read 0 where the S is clear.
 */
export function qrsAmplitudes(
  x: ArrayLike<number>,
  baseline: number,
  onset: number,
  offset: number,
): QrsAmplitudes {
  let rMv = 0;
  let rAt = -1;
  for (let i = onset; i <= offset; i++) {
    const v = x[i]! - baseline;
    if (v > rMv) {
      rMv = v;
      rAt = i;
    }
  }
  // A positive blip below the Q threshold is no R wave: the complex is a QS.
  if (rMv < Q_MIN_MV) rAt = -1;
  const firstR =
    rAt < 0 ? -1 : firstPeakAbove(x, baseline, onset, rAt, Math.max(Q_MIN_MV, 0.1 * rMv));
  let sMv = 0;
  for (let i = firstR < 0 ? onset : firstR; i <= offset; i++) sMv = Math.max(sMv, baseline - x[i]!);
  let qSamples = 0;
  let qMv = 0;
  const firstUp = rAt < 0 ? offset : rAt;
  let i = onset;
  while (i <= offset && Math.abs(x[i]! - baseline) < Q_MIN_MV) i++;
  if (i <= firstUp && x[i]! - baseline < 0) {
    const start = i;
    while (i <= offset && x[i]! - baseline < 0) {
      qMv = Math.max(qMv, baseline - x[i]!);
      i++;
    }
    qSamples = i - onset;
    if (start > onset + (offset - onset) / 2) qSamples = 0;
  }
  return { rMv, sMv, qSamples, qMv: qSamples > 0 ? qMv : 0 };
}

/** The first local maximum in [from, to] at least `minMv` above the baseline; `to` when none comes earlier. */
function firstPeakAbove(
  x: ArrayLike<number>,
  baseline: number,
  from: number,
  to: number,
  minMv: number,
): number {
  for (let i = from; i < to; i++) {
    const v = x[i]! - baseline;
    if (v >= minMv && v >= x[i - 1]! - baseline && v > x[i + 1]! - baseline) return i;
  }
  return to;
}

/** Signed area of x - baseline over [from, to] (mV x samples). */
export function area(x: ArrayLike<number>, baseline: number, from: number, to: number): number {
  let sum = 0;
  for (let i = from; i <= to; i++) sum += x[i]! - baseline;
  return sum;
}

/** Mean of x over [from, to] (clamped to the array). */
export function meanOver(x: ArrayLike<number>, from: number, to: number): number {
  const lo = Math.max(0, from);
  const hi = Math.min(x.length - 1, to);
  let sum = 0;
  for (let i = lo; i <= hi; i++) sum += x[i]!;
  return hi >= lo ? sum / (hi - lo + 1) : 0;
}

/**
 * Frontal axis in degrees (-180..180) from areas or amplitudes in leads I and aVF (Einthoven:
 * aVF = sqrt(3)/2 x the inferior component); null when both are zero.
 */
export function frontalAxisDeg(leadI: number, leadAvf: number): number | null {
  if (leadI === 0 && leadAvf === 0) return null;
  return (Math.atan2((2 * leadAvf) / Math.sqrt(3), leadI) * 180) / Math.PI;
}
