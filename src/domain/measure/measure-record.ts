/** The measurement engine: beats, fiducials, median beat, global and per-lead measurements of a record. */
import type { EcgRecord } from '../wfdb/record';
import { findQrsBounds, findWave, P_EDGE_LEVELS, refineQrsBoundsAcrossLeads } from './delineate';
import type { WaveBounds } from './delineate';
import { detectBeats } from './detect-beats';
import { PR_BASELINE_MS, frontalAxisDeg, meanOver, qrsAmplitudes } from './lead-amplitudes';
import { alignFiducials, medianOfBeats, summedSlope } from './median-beat';
import { prepareLeads, removeBaseline } from './signal-prep';
import type { PreparedLeads } from './signal-prep';
import type {
  BeatLeadAmplitudes,
  BeatOrigin,
  GlobalMeasurements,
  LeadMeasurements,
  Measured,
  MeasuredBeat,
  MeasureUnit,
  Measurements,
  MedianBeat,
} from './types';

/** A beat is premature when its RR is below this fraction of the record's median RR. */
export const PREMATURE_RR_FRACTION = 0.88;
/** A premature beat is ventricular when its QRS is this much wider than the dominant QRS (ms). */
export const VENTRICULAR_WIDENING_MS = 25;
/** RR coefficient of variation above which the rhythm counts as irregular. */
const IRREGULAR_RR_CV = 0.15;
const P_MIN_MV = 0.03;
/** A beat's T wave is looked for up to this long (ms) past where the median beat's T ends. */
const T_END_MARGIN_MS = 80;
const T_MIN_MV = 0.04;
const BASELINE_FROM_MS = PR_BASELINE_MS.from;
const BASELINE_TO_MS = PR_BASELINE_MS.to;

interface BeatDraft {
  fiducial: number;
  r: number;
  onset: number;
  offset: number;
  /** Onset of the all-lead slope, before the lead-by-lead widening: anchors the PR-segment baseline. */
  compositeOnset: number;
}

const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const round = (value: number, digits: number): number => {
  const f = 10 ** digits;
  // + 0 turns -0 into 0, so results compare and serialise cleanly.
  return Math.round(value * f) / f + 0;
};

/** Noise of a summed-slope trace: floor = 20th percentile, spread = 40th minus 20th percentile. */
function slopeNoise(slope: Float32Array): { floor: number; spread: number } {
  const step = Math.max(1, Math.floor(slope.length / 2000));
  const sample = new Float32Array(Math.max(0, Math.ceil((slope.length - 2) / step)));
  for (let i = 1, k = 0; i < slope.length - 1 && k < sample.length; i += step)
    sample[k++] = slope[i]!;
  sample.sort();
  const floor = sample[Math.floor(sample.length * 0.2)] ?? 0;
  return { floor, spread: (sample[Math.floor(sample.length * 0.4)] ?? floor) - floor };
}

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

/** Pearson correlation of two equally long sequences; 0 when either is flat. */
function correlation(a: readonly number[], b: readonly number[]): number {
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
function qrsVector(leads: readonly ArrayLike<number>[], at: number, pre: number, post: number) {
  const out: number[] = [];
  for (const x of leads) {
    const base = x[at - pre]!;
    for (let i = at - pre; i <= at + post; i++) out.push(x[i]! - base);
  }
  return out;
}

/** Indices of I and aVF, or a way to derive aVF from II (aVF = II - I/2). */
function axisLeads(names: readonly string[], leads: readonly ArrayLike<number>[]) {
  const at = (n: string) => names.indexOf(n);
  const i1 = at('I');
  if (i1 < 0) return null;
  const f = at('aVF');
  const ii = at('II');
  if (f >= 0) return { lead1: leads[i1]!, avf: (i: number) => leads[f]![i]!, names: ['I', 'aVF'] };
  if (ii >= 0)
    return {
      lead1: leads[i1]!,
      avf: (i: number) => leads[ii]![i]! - leads[i1]![i]! / 2,
      names: ['I', 'II'],
    };
  return null;
}

function axisFromArea(
  names: readonly string[],
  leads: readonly ArrayLike<number>[],
  baselines: readonly number[],
  from: number,
  to: number,
): number | null {
  const ax = axisLeads(names, leads);
  if (!ax) return null;
  const i1 = names.indexOf('I');
  const b1 = baselines[i1]!;
  const f = names.indexOf('aVF');
  const avfBase = f >= 0 ? baselines[f]! : baselines[names.indexOf('II')]! - b1 / 2;
  let a1 = 0;
  let af = 0;
  for (let i = from; i <= to; i++) {
    a1 += ax.lead1[i]! - b1;
    af += ax.avf(i) - avfBase;
  }
  const axis = frontalAxisDeg(a1, af);
  return axis === null ? null : round(axis, 1);
}

/** Measures a record; never throws on odd signals: what cannot be measured is null with a note. */
export function measureRecord(record: EcgRecord): Measurements {
  const prepared = prepareLeads(record);
  const fs = prepared.fsHz;
  const notes: string[] = [];
  const durationS = record.nSamples / fs;
  if (prepared.names.length === 0) notes.push('no usable signal (every sample is NaN)');
  const { peaks } = prepared.names.length ? detectBeats(prepared) : { peaks: [] as number[] };
  const noise = slopeNoise(prepared.slope);
  const boundsNoise = slopeNoise(prepared.boundsSlope);
  const drafts: BeatDraft[] = peaks.map((envelopePeak) => {
    // The envelope peak can sit between a QRS and a steep T; the QRS has the steepest slope.
    const p = steepestNear(prepared.slope, envelopePeak, msToSamples(80, fs));
    const composite = findQrsBounds(
      prepared.boundsSlope,
      p,
      fs,
      boundsNoise.floor,
      boundsNoise.spread,
    );
    const { onset, offset } = refineQrsBoundsAcrossLeads(prepared.smooth, composite, fs);
    // Baseline knots stay on the unweighted all-lead onset: the median beat's P wave and PR are
    // measured against that baseline, and limb weighting is about QRS edges only.
    const allLeads = findQrsBounds(prepared.slope, p, fs, noise.floor, noise.spread);
    // The slope's centre of mass is a steadier fiducial than its peak: a notched QRS has two
    // near-equal peaks, and beats aligned on different ones make a smeared median beat.
    const fiducial = slopeCentroid(prepared.slope, onset, offset);
    const r = rPeakOf(prepared, onset, offset);
    return { fiducial, r, onset, offset, compositeOnset: allLeads.onset };
  });
  const knots = drafts.map((d) => d.compositeOnset - msToSamples(14, fs)).filter((k) => k > 0);
  const flat = removeBaseline(prepared.smooth, knots, msToSamples(6, fs));
  const rr = drafts.slice(1).map((b, i) => ((b.r - drafts[i]!.r) / fs) * 1000);
  const refRrMs = rr.length ? median(rr) : null;
  const rrMeanMs = rr.length ? rr.reduce((a, b) => a + b, 0) / rr.length : null;
  const rrSdMs =
    rr.length > 1 && rrMeanMs !== null
      ? Math.sqrt(rr.reduce((a, b) => a + (b - rrMeanMs) ** 2, 0) / (rr.length - 1))
      : null;
  const irregular = rrSdMs !== null && rrMeanMs !== null && rrSdMs / rrMeanMs > IRREGULAR_RR_CV;
  if (drafts.length < 2) notes.push(`only ${drafts.length} beat(s) detected: no RR interval`);

  const preMs = clamp((refRrMs ?? 1000) * 0.45, 220, 400);
  const postMs = clamp((refRrMs ?? 1000) * 0.75, 320, 700);
  const pre = Math.round((preMs / 1000) * fs);
  const post = Math.round((postMs / 1000) * fs);
  const fits = (d: BeatDraft) => d.fiducial - pre >= 0 && d.fiducial + post < prepared.n;
  const localRr = localReferenceRr(rr, refRrMs);
  const earlyByRr = drafts.map((_, i) => {
    const ref = localRr[i - 1];
    return i > 0 && ref !== undefined && ref !== null
      ? rr[i - 1]! < PREMATURE_RR_FRACTION * ref
      : false;
  });
  let dominant = drafts.flatMap((d, i) => (fits(d) && !earlyByRr[i] ? [i] : []));
  if (dominant.length === 0) dominant = drafts.flatMap((d, i) => (fits(d) ? [i] : []));
  const reach = Math.round(0.05 * fs);
  const qrsPre = Math.round(0.05 * fs);
  const qrsPost = Math.round(0.08 * fs);
  let medianLeads: Float32Array[] | null = null;
  let fiducials: number[] = drafts.map((d) => d.fiducial);
  const correlations = drafts.map(() => 1);
  if (dominant.length > 0) {
    const alignReach = reach + Math.round(0.012 * fs);
    const first = medianOfBeats(
      [prepared.slope],
      dominant.map((i) => drafts[i]!.fiducial),
      pre,
      post,
      { from: pre - alignReach, to: pre + alignReach },
    )[0]!;
    fiducials = alignFiducials(
      prepared.slope,
      drafts.map((d) => d.fiducial),
      first,
      pre,
      reach,
      Math.round(0.012 * fs),
    ).map((f, i) => (fits({ ...drafts[i]!, fiducial: f }) ? f : drafts[i]!.fiducial));
    const provisional = medianOfBeats(
      flat,
      dominant.map((i) => fiducials[i]!),
      pre,
      post,
      { from: pre - qrsPre, to: pre + qrsPost },
    );
    const template = qrsVector(provisional, pre, qrsPre, qrsPost);
    drafts.forEach((_, i) => {
      const f = fiducials[i]!;
      if (f - qrsPre < 0 || f + qrsPost >= prepared.n) return;
      correlations[i] = correlation(qrsVector(flat, f, qrsPre, qrsPost), template);
    });
    const alike = dominant.filter((i) => correlations[i]! >= 0.8);
    if (alike.length >= Math.max(1, dominant.length / 3)) dominant = alike;
    medianLeads = medianOfBeats(
      flat,
      dominant.map((i) => fiducials[i]!),
      pre,
      post,
    );
  }

  const medianResult = medianLeads
    ? delineateMedian(prepared, medianLeads, pre, refRrMs, irregular, notes, noise, dominant.length)
    : null;
  if (!medianLeads) notes.push('no complete beat: no median beat, intervals and amplitudes');
  const dominantQrsMs = medianResult ? medianResult.qrsMs : null;

  const matchP =
    medianLeads && medianResult?.p ? medianPMatcher(flat, medianLeads, medianResult.p, fs) : null;
  const beats: MeasuredBeat[] = drafts.map((d, i) => {
    const rrBefore = i > 0 ? rr[i - 1]! : null;
    const ref = i > 0 ? localRr[i - 1] : null;
    const prematurity = rrBefore !== null && ref ? rrBefore / ref : null;
    const baselines = flat.map((x) =>
      meanOver(
        x,
        d.onset - msToSamples(BASELINE_FROM_MS, fs),
        d.onset - msToSamples(BASELINE_TO_MS, fs),
      ),
    );
    const qrsMs = ((d.offset - d.onset) / fs) * 1000;
    const next = drafts[i + 1];
    const pFrom = Math.max(
      0,
      d.onset - msToSamples(medianResult?.pSearchMs ?? 300, fs),
      i > 0 ? drafts[i - 1]!.offset + msToSamples(120, fs) : 0,
    );
    const detectedP: WaveBounds | null =
      medianResult?.hasP === true
        ? findWave(
            flat,
            { kind: 'detrend' },
            pFrom,
            d.onset - msToSamples(20, fs),
            fs,
            P_MIN_MV,
            P_EDGE_LEVELS,
          )
        : null;
    const pWave = (detectedP && matchP?.(fiducials[i]! - pre, pFrom)) ?? detectedP;
    // A small T can be outsized by the next beat's P wave: search no later than the median
    // beat's T end (QT varies little from beat to beat) plus a margin.
    const medianTEnd = medianResult?.t
      ? fiducials[i]! - pre + medianResult.t.offset + msToSamples(T_END_MARGIN_MS, fs)
      : Infinity;
    const tTo = Math.min(
      prepared.n - 1,
      next ? next.onset - msToSamples(60, fs) : d.onset + msToSamples(700, fs),
      d.onset + msToSamples(700, fs),
      medianTEnd,
    );
    const tWave = findWave(
      flat,
      { kind: 'levels', levels: baselines },
      d.offset + msToSamples(40, fs),
      tTo,
      fs,
      T_MIN_MV,
    );
    const widened = dominantQrsMs !== null && qrsMs - dominantQrsMs >= VENTRICULAR_WIDENING_MS;
    const ventricular = widened || (correlations[i]! < 0.5 && pWave === null);
    const premature = earlyByRr[i]! && (!irregular || ventricular);
    const origin: BeatOrigin | null = premature
      ? ventricular
        ? 'ventricular'
        : 'supraventricular'
      : null;
    const leads: Record<string, BeatLeadAmplitudes> = {};
    prepared.names.forEach((name, k) => {
      const a = qrsAmplitudes(flat[k]!, baselines[k]!, d.onset, d.offset);
      leads[name] = { rMv: round(a.rMv, 3), sMv: round(a.sMv, 3) };
    });
    const t = (idx: number | null) => (idx === null ? null : round(idx / fs, 3));
    const pOn = pWave && !(premature && ventricular) ? pWave : null;
    return {
      index: i,
      rPeakS: t(d.r)!,
      qrsOnsetS: t(d.onset)!,
      qrsOffsetS: t(d.offset)!,
      qrsMs: round(qrsMs, 1),
      pOnsetS: t(pOn?.onset ?? null),
      pPeakS: t(pOn?.peak ?? null),
      pOffsetS: t(pOn?.offset ?? null),
      prMs: pOn ? round(((d.onset - pOn.onset) / fs) * 1000, 1) : null,
      tOnsetS: t(tWave?.onset ?? null),
      tPeakS: t(tWave?.peak ?? null),
      tOffsetS: t(tWave?.offset ?? null),
      rrBeforeMs: rrBefore === null ? null : round(rrBefore, 1),
      prematurity: prematurity === null ? null : round(prematurity, 3),
      morphologyCorrelation: round(correlations[i]!, 3),
      premature,
      origin,
      qrsAxisDeg: axisFromArea(prepared.names, flat, baselines, d.onset, d.offset),
      leads,
    };
  });
  if (irregular) notes.push('irregular RR: premature beats marked only when ventricular');

  const allBeats = beats.map((b) => b.index);
  const names = prepared.names;
  const global = globalMeasurements(medianResult, {
    rrMeanMs,
    rrSdMs,
    rr,
    allBeats,
    dominant,
    names,
  });
  const leads = leadMeasurements(prepared, medianLeads, medianResult, dominant);
  const medianBeat: MedianBeat | null =
    medianLeads && medianResult
      ? {
          fsHz: fs,
          startMs: round((-pre / fs) * 1000, 1),
          leads: Object.fromEntries(
            names.map((name, k) => [name, Array.from(medianLeads[k]!, (v) => round(v, 4))]),
          ),
          qrsOnsetMs: medianResult.relMs(medianResult.qrsOnset)!,
          qrsOffsetMs: medianResult.relMs(medianResult.qrsOffset)!,
          pOnsetMs: medianResult.relMs(medianResult.p?.onset ?? null),
          pPeakMs: medianResult.relMs(medianResult.p?.peak ?? null),
          pOffsetMs: medianResult.relMs(medianResult.p?.offset ?? null),
          tPeakMs: medianResult.relMs(medianResult.t?.peak ?? null),
          tOffsetMs: medianResult.relMs(medianResult.t?.offset ?? null),
        }
      : null;
  return {
    recordName: record.recordName,
    fsHz: fs,
    durationS,
    leadsUsed: names,
    beats,
    dominantBeats: dominant,
    medianBeat,
    global,
    leads,
    notes,
  };
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const msToSamples = (valueMs: number, fs: number) => Math.round((valueMs / 1000) * fs);

/**
 * The RR each RR is judged against: the median of up to 8 RRs before it that were not themselves
 * early (sinus rate drifts, so a record-wide median would call a whole fast stretch premature);
 * the record's median RR until 3 such RRs exist.
 */
function localReferenceRr(rr: readonly number[], recordRrMs: number | null): (number | null)[] {
  const recent: number[] = [];
  return rr.map((value) => {
    const ref = recent.length >= 3 ? median(recent) : recordRrMs;
    if (ref === null || value >= PREMATURE_RR_FRACTION * ref) {
      recent.push(value);
      if (recent.length > 8) recent.shift();
    }
    return ref;
  });
}

/** A beat's P wave counts as the median beat's when their shapes correlate at least this much. */
const P_MATCH_CORRELATION = 0.8;

/**
 * Finds the median beat's P wave in a beat: the shift (up to 50 ms either way of where the beat's
 * alignment puts it, never before `notBefore`) where the beat's leads best correlate with the
 * median P (20 ms of PR baseline either side, each lead's mean removed). The median P's bounds,
 * moved by that shift, are the beat's P bounds: on a small or noisy P they are steadier than the
 * beat's own edges. The matcher returns null when no shift correlates P_MATCH_CORRELATION or more.
 */
function medianPMatcher(
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

/** Slope-weighted mean index over [from, to]. */
function slopeCentroid(slope: Float32Array, from: number, to: number): number {
  let sum = 0;
  let weighted = 0;
  for (let i = from; i <= to; i++) {
    sum += slope[i]!;
    weighted += slope[i]! * i;
  }
  return sum > 0 ? Math.round(weighted / sum) : Math.round((from + to) / 2);
}

/** Index of the largest value within +-reach of centre. */
function steepestNear(slope: Float32Array, centre: number, reach: number): number {
  let best = centre;
  for (let i = Math.max(0, centre - reach); i <= Math.min(slope.length - 1, centre + reach); i++) {
    if (slope[i]! > slope[best]!) best = i;
  }
  return best;
}

/** R peak: where the leads together deviate most from their level at QRS onset. */
function rPeakOf(prepared: PreparedLeads, onset: number, offset: number): number {
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

interface MedianDelineation {
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

function delineateMedian(
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

function globalMeasurements(
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

function leadMeasurements(
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
