/** Lays out a synthetic record's beats and derives its ground truth from the plan. */
import type { SynthParams } from './conditions';
import type { Pulse } from './heart-vector';
import {
  netFrontalDeg,
  placeShape,
  qrsAxisFor,
  qrsShapeFor,
  tPulse,
  ventricularQrs,
  wrapDeg,
} from './heart-vector';
import { planAvBlock } from './plan-av-block';
import type { Prng } from './prng';
import type { SynthAtrialWave, SynthBeatTruth, SynthTruth } from './synth-truth';

const PVC_QRS_MS = 150;
const PVC_AXIS_TURN_DEG = 130;

/** The pulses of every beat, each beat's truth, and the first conducted QRS's pulses. */
export interface Plan {
  pulses: Pulse[];
  beats: SynthBeatTruth[];
  conductedQrs: Pulse[] | null;
  atrialWaves: SynthAtrialWave[];
  atrialRateBpm: number | null;
}

/** Lays out beats: onset times, premature beats, and each beat's pulses. */
export function planBeats(params: SynthParams, rng: Prng): Plan {
  if (params.condition === 'second_degree_av_block' || params.condition === 'third_degree_av_block')
    return planAvBlock(params, rng);
  const rrS = 60 / params.heartRateBpm;
  const qrsS = params.qrsMs / 1000;
  const qtS = params.qtMs / 1000;
  const prS = params.prMs / 1000;
  const pDurationS = Math.min(0.11, Math.max(0.06, prS * 0.6));
  const isAf = params.condition === 'atrial_fibrillation';
  const withPvcs = params.condition === 'ventricular_premature_beats';
  const pulses: Pulse[] = [];
  const beats: SynthBeatTruth[] = [];
  let conductedQrs: Pulse[] | null = null;
  let onsetS = Math.max(0.25 + (isAf ? 0 : prS), 0.35) + rng.between(0, 0.2);
  let sinceLastPvc = 0;
  while (onsetS + qtS + 0.08 < params.durationS) {
    sinceLastPvc++;
    const premature = withPvcs && sinceLastPvc >= 4 && beats.length > 0;
    if (premature) {
      const couplingS = rrS * 0.6;
      const pvcOnsetS = (beats[beats.length - 1]?.qrsOnsetS ?? onsetS) + couplingS;
      const pvcQrsS = PVC_QRS_MS / 1000;
      const pvcQtS = qtS + 0.04;
      if (pvcOnsetS + pvcQtS + 0.08 >= params.durationS) break;
      const axis = params.qrsAxisDeg + PVC_AXIS_TURN_DEG;
      const qrs = placeShape(ventricularQrs, pvcOnsetS, pvcQrsS, params.rAmplitudeMv, axis);
      const t = tPulse(pvcOnsetS, pvcQrsS, pvcQtS, params.tAmplitudeMv * 1.5, axis + 180, 0.6);
      pulses.push(...qrs, t);
      beats.push({
        qrsOnsetS: pvcOnsetS,
        qrsOffsetS: pvcOnsetS + pvcQrsS,
        rPeakS: pvcOnsetS + pvcQrsS * 0.65 * 0.55,
        pOnsetS: null,
        pPeakS: null,
        pOffsetS: null,
        tPeakS: t.startS + t.durationS * t.riseFraction,
        tOffsetS: pvcOnsetS + pvcQtS,
        premature: true,
        origin: 'ventricular',
      });
      // Compensatory pause: the sinus node keeps its rhythm, so the next sinus beat comes 2 RR after the last.
      onsetS = pvcOnsetS - couplingS + 2 * rrS;
      sinceLastPvc = 0;
      continue;
    }
    const axis = params.qrsAxisDeg;
    const qrs = placeShape(qrsShapeFor(params.condition), onsetS, qrsS, params.rAmplitudeMv, axis);
    const qrsPulses = qrs.map((p, i) => ({
      ...p,
      frontalDeg: qrsAxisFor(params.condition, p.frontalDeg, i),
    }));
    conductedQrs ??= qrsPulses;
    const discordant = params.condition === 'lbbb';
    const t = tPulse(
      onsetS,
      qrsS,
      qtS,
      params.tAmplitudeMv,
      discordant ? params.qrsAxisDeg + 180 : params.tAxisDeg,
      discordant ? 0.7 : params.condition === 'rbbb' ? -0.6 : 0.15,
    );
    pulses.push(...qrsPulses, t);
    let pOnsetS: number | null = null;
    if (!isAf) {
      pOnsetS = onsetS - prS;
      pulses.push({
        startS: pOnsetS,
        durationS: pDurationS,
        riseFraction: 0.5,
        amplitudeMv: params.pAmplitudeMv,
        frontalDeg: params.pAxisDeg,
        anterior: 0.3,
      });
    }
    const main = qrsPulses[1] ?? qrsPulses[0];
    beats.push({
      qrsOnsetS: onsetS,
      qrsOffsetS: onsetS + qrsS,
      rPeakS: main ? main.startS + main.durationS * main.riseFraction : onsetS + qrsS / 2,
      pOnsetS,
      pPeakS: pOnsetS === null ? null : pOnsetS + pDurationS / 2,
      pOffsetS: pOnsetS === null ? null : pOnsetS + pDurationS,
      tPeakS: t.startS + t.durationS * t.riseFraction,
      tOffsetS: onsetS + qtS,
      premature: false,
      origin: isAf ? 'atrial_fibrillation' : 'sinus',
    });
    const nextRrS = isAf ? rrS * rng.between(0.6, 1.45) : rrS * (1 + 0.02 * rng.normal());
    onsetS += Math.max(nextRrS, qtS + 0.05);
  }
  const atrialWaves = beats.flatMap((b) =>
    b.pOnsetS === null || b.pPeakS === null || b.pOffsetS === null
      ? []
      : [{ onsetS: b.pOnsetS, peakS: b.pPeakS, offsetS: b.pOffsetS, conducted: true }],
  );
  return {
    pulses,
    beats,
    conductedQrs,
    atrialWaves,
    atrialRateBpm: isAf ? null : params.heartRateBpm,
  };
}

/** The record's truth: beats, mean rate, intervals and axes of conducted beats. */
export function buildTruth(params: SynthParams, plan: Plan): SynthTruth {
  const { beats } = plan;
  const first = beats[0];
  const last = beats[beats.length - 1];
  const meanRrMs =
    first && last && beats.length > 1
      ? ((last.qrsOnsetS - first.qrsOnsetS) * 1000) / (beats.length - 1)
      : 60_000 / params.heartRateBpm;
  const hasP = params.condition !== 'atrial_fibrillation';
  // In third-degree block no P wave drives a QRS: there is no PR interval.
  const hasPr = hasP && params.condition !== 'third_degree_av_block';
  return {
    condition: params.condition,
    beats,
    heartRateBpm: 60_000 / meanRrMs,
    meanRrMs,
    prMs: hasPr ? params.prMs : null,
    qrsMs: params.qrsMs,
    qtMs: params.qtMs,
    qrsAxisDeg: plan.conductedQrs ? netFrontalDeg(plan.conductedQrs) : params.qrsAxisDeg,
    pAxisDeg: hasP ? wrapDeg(params.pAxisDeg) : null,
    tAxisDeg: wrapDeg(params.condition === 'lbbb' ? params.qrsAxisDeg + 180 : params.tAxisDeg),
    prematureBeatIndices: beats.flatMap((b, i) => (b.premature ? [i] : [])),
    atrialWaves: plan.atrialWaves,
    atrialRateBpm: plan.atrialRateBpm,
  };
}
