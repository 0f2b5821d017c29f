/**
 * Atrial activity: every P wave of a record, conducted or not, and the atrial rate. The per-beat
 * P search looks only just before each QRS, so it cannot see a P wave that no QRS follows (second-
 * degree block) or P waves marching through at their own rate (third-degree block). Here each
 * beat's ventricular activity (the median beat from QRS onset to T end) is subtracted from the
 * record, and P-sized waves are picked from what is left, wherever they fall outside a QRS.
 */
import type { Measured } from './types';
import { PR_RANGE_S, atrialRate, steadyPr } from './atrial-rhythm';
import { median, round } from './measure-math';
import { movingAverage } from './signal-prep';

/** One P wave found in the record (seconds from its start). */
export interface AtrialWave {
  readonly onsetS: number;
  readonly peakS: number;
  readonly offsetS: number;
  /** Spatial magnitude at the peak, after the ventricular activity is taken off (mV). */
  readonly magnitudeMv: number;
  /** The beat (0-based) this P wave conducts to; null when it conducts to none. */
  readonly conductsTo: number | null;
}

/** The record's P waves and the rate they come at. */
export interface AtrialActivity {
  readonly waves: readonly AtrialWave[];
  /** Whether the QRS complexes follow the P waves at a steady PR (false: AV dissociation or no P waves). */
  readonly associated: boolean;
  readonly rate: Measured;
}

/** What the detector reads: conditioned leads and the beats as measureRecord holds them (samples). */
export interface AtrialInput {
  readonly fsHz: number;
  /** Baseline-removed leads (mV). */
  readonly flat: readonly Float32Array[];
  readonly leadNames: readonly string[];
  readonly beats: readonly {
    readonly onset: number;
    readonly offset: number;
    readonly fiducial: number;
    /** Whether the beat looks like the median beat (its ventricular activity can be subtracted). */
    readonly alike: boolean;
    /** The P wave the per-beat search found before this QRS, if any. */
    readonly p: { readonly onset: number; readonly peak: number; readonly offset: number } | null;
    /** A premature ventricular beat: no P wave drives it, so it says nothing about AV conduction. */
    readonly ectopic: boolean;
  }[];
  /** The median beat per lead (index `pre` is the fiducial), and where its QRS starts and T ends. */
  readonly median: {
    readonly leads: readonly Float32Array[];
    readonly pre: number;
    readonly qrsOnset: number;
    readonly tOffset: number | null;
  } | null;
}

/** P waves are at least this far apart (an atrial rate of 300 bpm: flutter is not read here). */
const MIN_PP_S = 0.2;
/** A wave counts when it stands this many times the residual's noise level above it... */
const NOISE_FACTOR = 5;
/** ...and reaches this fraction of the record's typical P wave. */
const TYPICAL_FRACTION = 0.4;
/** ...and no more than this multiple of it. */
const MAX_TYPICAL = 3;
/** A P wave besides the conducted ones must stand this tall against them. */
const EXTRA_P_FRACTION = 0.7;
/** ...and point across the leads within about 35 degrees of them. */
const SAME_P_COSINE = 0.8;
/** Waves within this spread of delays after their QRS are locked to it (s). */
const LOCKED_DELAY_S = 0.04;
/** A wave found in the residual ends where its magnitude falls below this fraction of its peak. */
const EDGE_FRACTION = 0.1;
/** A P wave's width where no conducted one shows it (s). */
const P_WIDTH_S = 0.1;
/** Nothing this close to the record's start or end is read (s). */
const EDGE_S = 0.12;
/** P waves smaller than this (mV) are not told from noise. */
const MIN_P_MV = 0.03;
/**
 * ...nor larger than this: ventricular activity the median beat did not cancel. Real P waves
 * measure 0.05-0.43 mV here (the 42 PTB-XL records in ../shared).
 */
const MAX_P_MV = 0.6;
/** A QRS hides what lies within this margin of it (s). */
const QRS_MARGIN_S = 0.02;

const bpm = (note: string | null, value: number | null, leads: readonly string[]): Measured => ({
  value,
  unit: 'bpm',
  from: {
    beats: [],
    leads: [...leads],
    method: 'P waves after the median QRS-T is subtracted from each beat',
  },
  ...(note ? { note } : {}),
});

/** Every lead with each alike beat's QRS-T (median beat, QRS onset to T end) taken off. */
function ventricularResidual(input: AtrialInput): Float32Array[] {
  const { flat, beats, median: med, fsHz } = input;
  const residual = flat.map((x) => new Float32Array(x));
  if (!med) return residual;
  const from = Math.max(0, med.qrsOnset - Math.round(0.02 * fsHz));
  const len = med.leads[0]?.length ?? 0;
  const to = Math.min(
    len - 1,
    med.tOffset === null ? len - 1 : med.tOffset + Math.round(0.04 * fsHz),
  );
  for (const b of beats) {
    if (!b.alike) continue;
    const shift = b.fiducial - med.pre;
    residual.forEach((r, k) => {
      const m = med.leads[k]!;
      for (let j = from; j <= to; j++) {
        const i = shift + j;
        if (i >= 0 && i < r.length) r[i]! -= m[j]!;
      }
    });
  }
  return residual;
}

/** Spatial magnitude of the residual band-passed to P-wave frequencies, zero where a QRS (or a beat unlike the median) hides it. */
function pMagnitude(
  input: AtrialInput,
  residual: readonly Float32Array[],
): { magnitude: Float32Array; bands: Float32Array[] } {
  const fs = input.fsHz;
  const n = residual[0]?.length ?? 0;
  const short = Math.max(1, Math.round(0.03 * fs)) | 1;
  const long = Math.max(3, Math.round(0.16 * fs)) | 1;
  const out = new Float32Array(n);
  const wide = new Float32Array(n);
  const narrow = new Float32Array(n);
  // Each residual lead becomes its band-passed self (the residual is this module's own copy).
  const bands = residual.map((r) => {
    movingAverage(r, short, narrow);
    movingAverage(r, long, wide);
    for (let i = 0; i < n; i++) {
      const v = narrow[i]! - wide[i]!;
      r[i] = v;
      out[i]! += v * v;
    }
    return r;
  });
  for (let i = 0; i < n; i++) out[i] = Math.sqrt(out[i]!);
  const margin = Math.round(QRS_MARGIN_S * fs);
  // A beat whose QRS-T was not subtracted (a premature beat, say) hides its whole ventricular
  // activity: the median beat's QT and then some, since such a beat's T is often longer.
  const med = input.median;
  const qt = med && med.tOffset !== null ? med.tOffset - med.qrsOnset : Math.round(0.4 * fs);
  const unlikeSpan = qt + Math.round(0.1 * fs);
  // Such a beat's onset is less sure too (a slow ventricular upstroke): start its mask earlier.
  const unlikeLead = Math.round(0.06 * fs);
  for (const b of input.beats) {
    const start = b.alike ? b.onset - margin : b.onset - unlikeLead;
    const end = b.alike ? b.offset + margin : b.onset + unlikeSpan;
    out.fill(0, Math.max(0, start), Math.min(n, end + 1));
  }
  return { magnitude: out, bands };
}

/** Cosine of the angle between two lead vectors. */
function cosine(a: readonly number[], b: readonly number[]): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  a.forEach((x, k) => {
    ab += x * b[k]!;
    aa += x * x;
    bb += b[k]! * b[k]!;
  });
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

/** Local maxima above `threshold` (and no larger than a P wave gets), greedily strongest first, at least `gap` samples apart. */
function peaks(x: Float32Array, threshold: number, gap: number): number[] {
  const candidates: number[] = [];
  for (let i = 1; i < x.length - 1; i++) {
    if (x[i]! > threshold && x[i]! <= MAX_P_MV && x[i]! >= x[i - 1]! && x[i]! > x[i + 1]!)
      candidates.push(i);
  }
  candidates.sort((a, b) => x[b]! - x[a]!);
  const kept: number[] = [];
  for (const c of candidates) if (kept.every((k) => Math.abs(k - c) >= gap)) kept.push(c);
  return kept.sort((a, b) => a - b);
}

/** Where the magnitude around `at` falls below `fraction` of its peak, within `reach` samples. */
function edges(x: Float32Array, at: number, fraction: number, reach: number): [number, number] {
  const level = x[at]! * fraction;
  let lo = at;
  while (lo > 0 && at - lo < reach && x[lo - 1]! > level) lo--;
  let hi = at;
  while (hi < x.length - 1 && hi - at < reach && x[hi + 1]! > level) hi++;
  return [lo, hi];
}

/**
 * Finds the record's P waves, which of them the QRS complexes follow, and the atrial rate. Where
 * the beats' own P waves come at a steady PR, those are the conducted P waves, and another P wave
 * counts only where it stands as tall as they do (after the QRS-T is taken off) away from them:
 * a non-conducted P wave. Otherwise (AV dissociation, or no P waves) P waves are whatever stands
 * well out of the residual's noise, and none conducts.
 */
export function detectAtrialActivity(input: AtrialInput): AtrialActivity {
  const fs = input.fsHz;
  const leads = input.leadNames;
  const none = (note: string): AtrialActivity => ({
    waves: [],
    associated: false,
    rate: bpm(note, null, leads),
  });
  if (input.flat.length === 0) return none('no usable signal');
  const { magnitude, bands } = pMagnitude(input, ventricularResidual(input));
  const vectorAt = (i: number) => bands.map((b) => b[i]!);
  // The record's first and last moments hold beats cut in half: nothing there is read.
  const edge = Math.round(EDGE_S * fs);
  magnitude.fill(0, 0, edge);
  magnitude.fill(0, Math.max(0, magnitude.length - edge));
  // The noise level is the median of every 4th open sample: enough for a level, a quarter of
  // the sorting (typed arrays sort numerically).
  const open = magnitude.filter((v, i) => v > 0 && (i & 3) === 0).sort();
  if (open.length * 4 < fs) return none('too little of the record lies outside the QRS complexes');
  const noise = open[open.length >> 1]!;
  const gap = Math.round(MIN_PP_S * fs);
  const reach = Math.round(0.08 * fs);
  // The band-passed magnitude is narrower than the wave: a wave found here spans at least a
  // P wave's width (the conducted ones', else a typical one) centred on its peak.
  const span = (peak: number, width: number): [number, number] => {
    const [lo, hi] = edges(magnitude, peak, EDGE_FRACTION, reach);
    const half = Math.max(hi - lo, width) / 2;
    return [
      Math.max(0, Math.round(peak - half)),
      Math.min(magnitude.length - 1, Math.round(peak + half)),
    ];
  };
  const s = (i: number) => round(i / fs, 3);
  const wave = (
    onset: number,
    peak: number,
    offset: number,
    conductsTo: number | null,
  ): AtrialWave => ({
    onsetS: s(onset),
    peakS: s(peak),
    offsetS: s(offset),
    magnitudeMv: round(magnitude[peak]!, 3),
    conductsTo,
  });
  const rateOf = (waves: readonly AtrialWave[]) => {
    const r = atrialRate(
      waves.map((w) => Math.round(w.peakS * fs)),
      fs,
    );
    return bpm(r.note, r.value, leads);
  };

  const driven = input.beats.filter((b) => !b.ectopic);
  if (steadyPr(driven.map((b) => (b.p ? (b.onset - b.p.onset) / fs : null)))) {
    const conducted = input.beats.flatMap((b, beat) => (b.p ? [{ ...b.p, beat }] : []));
    // The residual's peak near a conducted P wave's own peak: how tall it stands there is the bar
    // another P wave must reach, and its direction the one that P wave must share.
    const peakNear = (at: number) => {
      let best = at;
      for (
        let i = Math.max(0, at - reach / 2);
        i <= Math.min(magnitude.length - 1, at + reach / 2);
        i++
      )
        if (magnitude[i]! > magnitude[best]!) best = i;
      return best;
    };
    const heights = conducted.map((p) => magnitude[peakNear(p.peak)]!).filter((h) => h > 0);
    // The conducted P waves' direction across the leads: a sinus P wave that does not conduct
    // points the same way; what is left of a T or U wave mostly does not.
    const reference = conducted
      .map((p) => vectorAt(peakNear(p.peak)))
      .reduce(
        (acc, v) => acc.map((x, k) => x + v[k]!),
        bands.map(() => 0),
      );
    const bar = Math.max(
      MIN_P_MV,
      NOISE_FACTOR * noise,
      EXTRA_P_FRACTION * (heights.length ? median(heights) : Infinity),
    );
    // Only between two QRS complexes can a P wave be seen not to conduct: one before the first
    // QRS or after the last may belong to a beat the record cut off.
    const firstQrs = input.beats[0]?.offset ?? Infinity;
    const lastQrs = input.beats[input.beats.length - 1]?.onset ?? -Infinity;
    const extra = Number.isFinite(bar)
      ? peaks(magnitude, bar, gap).filter(
          (i) =>
            i > firstQrs &&
            i < lastQrs - Math.round(PR_RANGE_S[0] * fs) &&
            conducted.every((p) => Math.abs(p.peak - i) >= gap) &&
            cosine(vectorAt(i), reference) >= SAME_P_COSINE,
        )
      : [];
    const waves = [
      ...conducted.map((p) => wave(p.onset, p.peak, p.offset, p.beat)),
      ...extra.map((i) => {
        const [lo, hi] = span(i, median(conducted.map((p) => p.offset - p.onset)));
        return wave(lo, i, hi, null);
      }),
    ].sort((a, b) => a.peakS - b.peakS);
    return { waves, associated: true, rate: rateOf(waves) };
  }

  const first = peaks(magnitude, Math.max(MIN_P_MV, NOISE_FACTOR * noise), gap);
  if (first.length === 0) return none('no P wave stands out of the noise');
  const typical = median(first.map((i) => magnitude[i]!));
  // Far above the typical P wave is ventricular activity left over, not a P wave.
  const found = first.filter(
    (i) => magnitude[i]! >= TYPICAL_FRACTION * typical && magnitude[i]! <= MAX_TYPICAL * typical,
  );
  // Waves at one fixed delay after every QRS are the beats' own (a T wave the median beat did
  // not cancel), not P waves: dissociated P waves fall anywhere in the cycle.
  const delays = found.flatMap((i) => {
    const prev = input.beats.findLast((b) => b.onset < i);
    return prev ? [(i - prev.onset) / fs] : [];
  });
  if (delays.length >= 3) {
    const sorted = [...delays].sort((a, b) => a - b);
    const cut = Math.floor(sorted.length * 0.1);
    if (sorted[sorted.length - 1 - cut]! - sorted[cut]! <= LOCKED_DELAY_S)
      return none('what stands out follows each QRS at a fixed delay: ventricular, not P waves');
  }
  const spans = found.map((i) => ({ peak: i, span: span(i, Math.round(P_WIDTH_S * fs)) }));
  // The beats' own P search may have missed P waves this one finds: if each QRS follows one of
  // them at a steady PR after all, those conduct.
  const before = input.beats.map((b) => {
    const p = b.ectopic ? undefined : spans.findLast((w) => w.span[1] < b.onset);
    return p ? { p, prS: (b.onset - p.span[0]) / fs } : null;
  });
  const associated = steadyPr(
    before.filter((_, i) => !input.beats[i]!.ectopic).map((x) => x?.prS ?? null),
  );
  const conductsTo = new Map<number, number>();
  if (associated)
    before.forEach((x, beat) => {
      if (x && x.prS >= PR_RANGE_S[0] && x.prS <= PR_RANGE_S[1]) conductsTo.set(x.p.peak, beat);
    });
  const waves = spans
    // Unless the QRS complexes follow the P waves, a P wave before the first QRS or after the last is as good as any other.
    .filter(
      (w) =>
        !associated ||
        conductsTo.has(w.peak) ||
        (w.peak > (input.beats[0]?.offset ?? Infinity) &&
          w.peak < (input.beats.at(-1)?.onset ?? -Infinity)),
    )
    .map((w) => wave(w.span[0], w.peak, w.span[1], conductsTo.get(w.peak) ?? null));
  return { waves, associated, rate: rateOf(waves) };
}
