/** The measurement engine: beats, fiducials, median beat, global and per-lead measurements of a record. */
import type { EcgRecord } from '../wfdb/record';
import {
  correlation,
  qrsVector,
  rPeakOf,
  slopeCentroid,
  slopeNoise,
  steepestNear,
} from './beat-fiducials';
import { detectAtrialActivity } from './atrial-activity';
import { findQrsBounds, findWave, P_EDGE_LEVELS, refineQrsBoundsAcrossLeads } from './delineate';
import type { WaveBounds } from './delineate';
import { detectBeats } from './detect-beats';
import { axisFromArea } from './frontal-axis';
import { PR_BASELINE_MS, meanOver, qrsAmplitudes } from './lead-amplitudes';
import { clamp, median, msToSamples, round } from './measure-math';
import { alignFiducials, medianOfBeats } from './median-beat';
import { P_MIN_MV, T_MIN_MV, delineateMedian, medianPMatcher } from './median-delineation';
import { globalMeasurements, leadMeasurements } from './record-measurements';
import { prepareLeads, removeBaseline } from './signal-prep';
import type {
  BeatLeadAmplitudes,
  BeatOrigin,
  Measurements,
  MeasuredBeat,
  MedianBeat,
} from './types';

/** A beat is premature when its RR is below this fraction of the record's median RR. */
export const PREMATURE_RR_FRACTION = 0.88;
/** A premature beat is ventricular when its QRS is this much wider than the dominant QRS (ms). */
export const VENTRICULAR_WIDENING_MS = 25;
/** RR coefficient of variation above which the rhythm counts as irregular. */
const IRREGULAR_RR_CV = 0.15;
/** A beat's T wave is looked for up to this long (ms) past where the median beat's T ends. */
const T_END_MARGIN_MS = 80;
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
  // Each beat's P wave in samples, as found below, for the atrial-activity search.
  const beatP: (WaveBounds | null)[] = drafts.map(() => null);
  const measuredBeats: MeasuredBeat[] = drafts.map((d, i) => {
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
    beatP[i] = pOn;
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
      nonConductedP: null,
    };
  });
  if (irregular) notes.push('irregular RR: premature beats marked only when ventricular');
  const atrial = detectAtrialActivity({
    fsHz: fs,
    flat,
    leadNames: prepared.names,
    beats: drafts.map((d, i) => ({
      onset: d.onset,
      offset: d.offset,
      fiducial: fiducials[i]!,
      alike: correlations[i]! >= 0.8,
      p: beatP[i]!,
      ectopic: measuredBeats[i]!.premature && measuredBeats[i]!.origin === 'ventricular',
    })),
    median:
      medianLeads && medianResult
        ? {
            leads: medianLeads,
            pre,
            qrsOnset: medianResult.qrsOnset,
            tOffset: medianResult.t?.offset ?? null,
          }
        : null,
  });
  // One home for whether there are P waves: when none stands out once each beat's QRS-T is taken
  // off (atrial-activity.ts), what the per-beat search found before each QRS is noise or a
  // remnant of the QRS-T (an escape rhythm read PR 322 ms; a flat T's tail, PR 72 ms).
  const noP = atrial.waves.length === 0 && measuredBeats.some((b) => b.pOnsetS !== null);
  if (noP)
    notes.push(`no P wave once the QRS-T is taken off (${atrial.rate.note ?? 'none found'})`);
  const beats = measuredBeats.map((measured, i) => {
    const b = noP
      ? { ...measured, pOnsetS: null, pPeakS: null, pOffsetS: null, prMs: null }
      : measured;
    const next = measuredBeats[i + 1];
    const w = next
      ? atrial.waves.find(
          (x) => x.conductsTo === null && x.peakS > b.qrsOffsetS && x.peakS < next.qrsOnsetS,
        )
      : undefined;
    return w
      ? { ...b, nonConductedP: { onsetS: w.onsetS, peakS: w.peakS, offsetS: w.offsetS } }
      : b;
  });

  const allBeats = beats.map((b) => b.index);
  const names = prepared.names;
  const fromMedian = globalMeasurements(medianResult, {
    rrMeanMs,
    rrSdMs,
    rr,
    allBeats,
    dominant,
    names,
  });
  // P waves that march through at their own rate (AV dissociation) make no PR interval: the
  // median beat's "P wave" is whichever one happened to fall before the QRS.
  const dissociated = !atrial.associated && atrial.rate.value !== null;
  const noPr = dissociated
    ? `P waves (${atrial.rate.value} bpm) and QRS complexes are dissociated: no PR interval`
    : noP
      ? 'no P wave once the QRS-T is taken off: no PR interval'
      : null;
  const global = {
    ...fromMedian,
    ...(noPr ? { pr: { ...fromMedian.pr, value: null, note: noPr } } : {}),
    ...(noP ? { pAxis: { ...fromMedian.pAxis, value: null, note: 'no P wave' } } : {}),
  };
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
          pOnsetMs: noP ? null : medianResult.relMs(medianResult.p?.onset ?? null),
          pPeakMs: noP ? null : medianResult.relMs(medianResult.p?.peak ?? null),
          pOffsetMs: noP ? null : medianResult.relMs(medianResult.p?.offset ?? null),
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
    atrial,
    notes,
  };
}

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
