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
 * R: highest point (>= 0); S: lowest point, as a depth (>= 0); Q: initial negative part (all of a
 * QS). R and S are the benchmark's own definitions, written in its questions: "measured from the
 * baseline to the highest (lowest) point of the QRS complex". The lowest point is the S of an rS
 * and of an rSR' (between r and R') and the whole of a QS, also when a small positive wave ends
 * the complex: in LBBB, V1's QS runs into ST elevation, and an S taken after the first positive
 * wave read 0 there (engine 1.2.0 and before).
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
  let sMv = 0;
  for (let i = onset; i <= offset; i++) sMv = Math.max(sMv, baseline - x[i]!);
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
