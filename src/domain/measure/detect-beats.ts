/**
 * Beat detection on all leads together: summed squared slope (a band-pass: smoothing plus
 * derivative, blind to baseline wander), integrated over 100 ms, then Pan-Tompkins-style adaptive
 * signal and noise levels, a refractory period, T-wave rejection and search-back.
 */
import { movingAverage } from './signal-prep';
import type { PreparedLeads } from './signal-prep';

/** Shortest allowed RR: 200 ms (300 bpm). */
const REFRACTORY_S = 0.2;
/** Candidates closer than this to the last beat must show QRS-like slope to count. */
const T_WAVE_WINDOW_S = 0.36;
const INTEGRATION_S = 0.1;

/** Detected beats: fiducial sample index (peak of the integrated slope energy) per beat, ascending. */
export interface DetectedBeats {
  readonly peaks: readonly number[];
  /** The integrated envelope the peaks were found on (for delineation and tests). */
  readonly envelope: Float32Array;
}

interface Candidate {
  readonly at: number;
  readonly height: number;
  readonly maxSlope: number;
}

function findCandidates(envelope: Float32Array, slope: Float32Array, fs: number): Candidate[] {
  const refractory = Math.round(REFRACTORY_S * fs);
  const reach = Math.round(0.06 * fs);
  const out: Candidate[] = [];
  const n = envelope.length;
  for (let i = 1; i < n - 1; i++) {
    const v = envelope[i]!;
    if (!(v > envelope[i - 1]! && v >= envelope[i + 1]!)) continue;
    const last = out[out.length - 1];
    if (last && i - last.at < refractory) {
      // Within one refractory period the first peak is the QRS and a later one its T wave,
      // unless the later one is much larger (then the first was noise or a P wave).
      if (v > 1.5 * last.height) out[out.length - 1] = { at: i, height: v, maxSlope: 0 };
      continue;
    }
    out.push({ at: i, height: v, maxSlope: 0 });
  }
  return out.map((c) => {
    let maxSlope = 0;
    for (let i = Math.max(0, c.at - reach); i <= Math.min(n - 1, c.at + reach); i++) {
      if (slope[i]! > maxSlope) maxSlope = slope[i]!;
    }
    return { ...c, maxSlope };
  });
}

/** Detects beats in prepared leads (any number of leads >= 1). */
export function detectBeats(prepared: PreparedLeads): DetectedBeats {
  const fs = prepared.fsHz;
  const envelope = movingAverage(prepared.slopeEnergy, Math.round(INTEGRATION_S * fs) | 1);
  const candidates = findCandidates(envelope, prepared.slope, fs);
  if (candidates.length === 0) return { peaks: [], envelope };
  const learnEnd = Math.min(prepared.n, Math.round(2.5 * fs));
  let learnMax = 0;
  let learnSum = 0;
  for (let i = 0; i < learnEnd; i++) {
    learnMax = Math.max(learnMax, envelope[i]!);
    learnSum += envelope[i]!;
  }
  let signalLevel = 0.5 * learnMax;
  let noiseLevel = 0.5 * (learnSum / Math.max(1, learnEnd));
  const threshold = () => noiseLevel + 0.25 * (signalLevel - noiseLevel);
  const accepted: Candidate[] = [];
  const skipped: Candidate[] = [];
  const tWindow = Math.round(T_WAVE_WINDOW_S * fs);
  const recentRr: number[] = [];
  const meanRr = () =>
    recentRr.length ? recentRr.reduce((a, b) => a + b, 0) / recentRr.length : Math.round(fs);
  const accept = (c: Candidate, weight: number) => {
    const last = accepted[accepted.length - 1];
    if (last) {
      recentRr.push(c.at - last.at);
      if (recentRr.length > 8) recentRr.shift();
    }
    accepted.push(c);
    signalLevel = weight * c.height + (1 - weight) * signalLevel;
  };
  for (const c of candidates) {
    const last = accepted[accepted.length - 1];
    if (last && c.at - last.at > 1.66 * meanRr()) {
      const missed = skipped
        .filter((s) => s.at > last.at && s.at - last.at > 0.36 * fs && c.at - s.at > 0.2 * fs)
        .filter((s) => s.height > 0.5 * threshold() && s.maxSlope > 0.3 * last.maxSlope);
      const best = missed.reduce<Candidate | null>(
        (a, b) => (a === null || b.height > a.height ? b : a),
        null,
      );
      if (best) accept(best, 0.25);
    }
    const prev = accepted[accepted.length - 1];
    const isQrs =
      c.height > threshold() &&
      !(prev && c.at - prev.at < tWindow && c.maxSlope < 0.5 * prev.maxSlope);
    if (isQrs) accept(c, 0.125);
    else {
      noiseLevel = 0.125 * c.height + 0.875 * noiseLevel;
      skipped.push(c);
      if (skipped.length > 32) skipped.shift();
    }
  }
  return { peaks: accepted.map((c) => c.at), envelope };
}
