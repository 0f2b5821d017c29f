/**
 * Lays out AV-block rhythms: a regular train of P waves and the QRS complexes it does or does not
 * drive. Second degree (Mobitz II): every droppedEvery-th P wave is not conducted, the others at a
 * fixed PR. Third degree: the P waves march through at atrialRateBpm while a junctional escape
 * rhythm beats at heartRateBpm, neither driving the other.
 */
import type { SynthParams } from './conditions';
import { DEFAULT_ATRIAL_RATE_BPM, DEFAULT_DROPPED_EVERY } from './conditions';
import type { Pulse } from './heart-vector';
import { placeShape, qrsShapeFor, tPulse } from './heart-vector';
import type { Plan } from './plan-beats';
import type { Prng } from './prng';
import type { SynthAtrialWave, SynthBeatTruth } from './synth-truth';

const P_DURATION_S = 0.1;

/** A beat's QRS and T pulses at `onsetS`, and its truth (its P wave given or none). */
function ventricularBeat(
  params: SynthParams,
  onsetS: number,
  p: SynthAtrialWave | null,
  origin: SynthBeatTruth['origin'],
): { pulses: Pulse[]; beat: SynthBeatTruth } {
  const qrsS = params.qrsMs / 1000;
  const qtS = params.qtMs / 1000;
  const qrs = placeShape(
    qrsShapeFor(params.condition),
    onsetS,
    qrsS,
    params.rAmplitudeMv,
    params.qrsAxisDeg,
  );
  const t = tPulse(onsetS, qrsS, qtS, params.tAmplitudeMv, params.tAxisDeg, 0.15);
  const main = qrs[1] ?? qrs[0];
  return {
    pulses: [...qrs, t],
    beat: {
      qrsOnsetS: onsetS,
      qrsOffsetS: onsetS + qrsS,
      rPeakS: main ? main.startS + main.durationS * main.riseFraction : onsetS + qrsS / 2,
      pOnsetS: p?.onsetS ?? null,
      pPeakS: p?.peakS ?? null,
      pOffsetS: p?.offsetS ?? null,
      tPeakS: t.startS + t.durationS * t.riseFraction,
      tOffsetS: onsetS + qtS,
      premature: false,
      origin,
    },
  };
}

/** The pulses, beats and P waves of a second- or third-degree AV block record. */
export function planAvBlock(params: SynthParams, rng: Prng): Plan {
  const third = params.condition === 'third_degree_av_block';
  const atrialRateBpm = third
    ? (params.atrialRateBpm ?? DEFAULT_ATRIAL_RATE_BPM)
    : params.heartRateBpm;
  const ppS = 60 / atrialRateBpm;
  const qtS = params.qtMs / 1000;
  const fits = (qrsOnsetS: number) => qrsOnsetS + qtS + 0.08 < params.durationS;
  const pulses: Pulse[] = [];
  const beats: SynthBeatTruth[] = [];
  const atrialWaves: SynthAtrialWave[] = [];
  const dropped = Math.max(2, params.droppedEvery ?? DEFAULT_DROPPED_EVERY);
  let k = 0;
  for (
    let onsetS = 0.1 + rng.between(0, ppS);
    onsetS + P_DURATION_S < params.durationS;
    onsetS += ppS
  ) {
    k++;
    const conductsAt = onsetS + params.prMs / 1000;
    const conducted = !third && k % dropped !== 0 && fits(conductsAt);
    const wave = {
      onsetS,
      peakS: onsetS + P_DURATION_S / 2,
      offsetS: onsetS + P_DURATION_S,
      conducted,
    };
    atrialWaves.push(wave);
    pulses.push({
      startS: onsetS,
      durationS: P_DURATION_S,
      riseFraction: 0.5,
      amplitudeMv: params.pAmplitudeMv,
      frontalDeg: params.pAxisDeg,
      anterior: 0.3,
    });
    if (conducted) {
      const { pulses: v, beat } = ventricularBeat(params, conductsAt, wave, 'sinus');
      pulses.push(...v);
      beats.push(beat);
    }
  }
  if (third) {
    const rrS = 60 / params.heartRateBpm;
    for (
      let onsetS = 0.3 + rng.between(0, 0.3);
      fits(onsetS);
      onsetS += rrS * (1 + 0.01 * rng.normal())
    ) {
      const { pulses: v, beat } = ventricularBeat(params, onsetS, null, 'junctional_escape');
      pulses.push(...v);
      beats.push(beat);
    }
  }
  return { pulses, beats, conductedQrs: null, atrialWaves, atrialRateBpm };
}
