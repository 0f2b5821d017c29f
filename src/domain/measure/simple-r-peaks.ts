/** A simple multi-lead R-peak detector, used until the measurement engine's beat detection lands. */
import type { EcgRecord } from '../wfdb/record';

/** Refractory period in seconds: no two beats closer than this. */
const REFRACTORY_S = 0.25;
/** Half-width in seconds of the window searched for the R peak around an energy peak. */
const SEARCH_HALF_S = 0.06;
/** Moving-average window in seconds for the slope energy. */
const ENERGY_WINDOW_S = 0.08;
/** Fraction of the record's high slope-energy level a beat must exceed. */
const THRESHOLD_FRACTION = 0.3;

/**
 * R-peak sample indices of a record, ascending: slope energy summed over leads, smoothed,
 * thresholded against its 99th percentile with a refractory period, then each beat placed at
 * the largest deviation from the local median of the leads' sum of absolute values.
 */
export function detectRPeakIndices(record: EcgRecord): number[] {
  const n = record.nSamples;
  const fs = record.fsHz;
  if (n < 3 || record.signals.length === 0) return [];
  const slope = new Float64Array(n);
  for (const signal of record.signals) {
    const x = signal.mv;
    for (let i = 1; i < n - 1; i++) {
      const d = x[i + 1]! - x[i - 1]!;
      if (d === d) slope[i]! += d * d;
    }
  }
  const w = Math.max(1, Math.round(ENERGY_WINDOW_S * fs));
  const energy = new Float64Array(n);
  let acc = 0;
  for (let i = 0; i < n; i++) {
    acc += slope[i]!;
    if (i >= w) acc -= slope[i - w]!;
    energy[i - (w >> 1) >= 0 ? i - (w >> 1) : 0] = acc / w;
  }
  const sorted = Float64Array.from(energy).sort();
  const high = sorted[Math.floor(sorted.length * 0.99)] ?? 0;
  if (!(high > 0)) return [];
  const threshold = high * THRESHOLD_FRACTION;
  const refractory = Math.round(REFRACTORY_S * fs);
  const half = Math.max(1, Math.round(SEARCH_HALF_S * fs));
  const peaks: number[] = [];
  let i = 0;
  while (i < n) {
    if (energy[i]! < threshold) {
      i++;
      continue;
    }
    let top = i;
    while (i < n && energy[i]! >= threshold) {
      if (energy[i]! > energy[top]!) top = i;
      i++;
    }
    const r = refinePeak(record, top, half);
    const prev = peaks[peaks.length - 1];
    if (prev === undefined || r - prev >= refractory) peaks.push(r);
  }
  return peaks;
}

/** The index near `centre` where the leads deviate most from their local level. */
function refinePeak(record: EcgRecord, centre: number, half: number): number {
  const lo = Math.max(0, centre - half);
  const hi = Math.min(record.nSamples - 1, centre + half);
  let best = centre;
  let bestScore = -Infinity;
  for (let i = lo; i <= hi; i++) {
    let score = 0;
    for (const signal of record.signals) {
      const x = signal.mv;
      const v = x[i]! - (x[lo]! + x[hi]!) / 2;
      if (v === v) score += Math.abs(v);
    }
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  return best;
}
