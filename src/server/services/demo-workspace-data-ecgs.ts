import type { EcgRecord } from '../../domain/wfdb/record';
import type { SynthBeatTruth, SynthCondition, SynthTruth } from '../../domain/synth';
import { SYNTH_CONDITIONS, generateSyntheticEcg, synthParams } from '../../domain/synth';

/** One synthetic demo ECG: a PTB-XL-style id (90001+, above every real PTB-XL id) and its recipe. */
export interface DemoEcgSpec {
  readonly ecgId: string;
  readonly condition: SynthCondition;
  readonly seed: number;
  readonly heartRateBpm: number;
}

/** A generated demo ECG: the record (12 leads, 500 Hz, 10 s, mV) and what the generator put in it. */
export interface DemoEcg {
  readonly spec: DemoEcgSpec;
  readonly record: EcgRecord;
  readonly truth: SynthTruth;
}

/** Two ECGs per synthetic condition (different seeds, the second 6 % faster). */
export const DEMO_ECG_SPECS: readonly DemoEcgSpec[] = SYNTH_CONDITIONS.flatMap((condition, c) =>
  [0, 1].map((variant) => ({
    ecgId: String(90001 + c * 2 + variant),
    condition,
    seed: 1000 + c * 10 + variant,
    heartRateBpm: Math.round(synthParams(condition).heartRateBpm * (1 + 0.06 * variant)),
  })),
);

/** SCP-ECG statements (PTB-XL's scp_codes) for each condition, likelihood 100. */
export const DEMO_SCP_CODES: Record<SynthCondition, Record<string, number>> = {
  normal_sinus_rhythm: { NORM: 100, SR: 0 },
  sinus_bradycardia: { SBRAD: 100 },
  sinus_tachycardia: { STACH: 100 },
  atrial_fibrillation: { AFIB: 100 },
  first_degree_av_block: { '1AVB': 100, SR: 0 },
  lbbb: { CLBBB: 100, SR: 0 },
  rbbb: { CRBBB: 100, SR: 0 },
  ventricular_premature_beats: { PVC: 100, SR: 0 },
  inferior_infarct: { IMI: 100, SR: 0 },
  second_degree_av_block: { '2AVB': 100, SR: 0 },
  third_degree_av_block: { '3AVB': 100 },
};

/** Generates a demo ECG (pure and seeded: the same spec gives the same samples). */
export function generateDemoEcg(spec: DemoEcgSpec): DemoEcg {
  const { record, truth } = generateSyntheticEcg(
    synthParams(spec.condition, { seed: spec.seed, heartRateBpm: spec.heartRateBpm }),
  );
  return { spec, record, truth };
}

function leadSignal(record: EcgRecord, lead: string): Float32Array {
  const signal = record.signals.find((s) => s.name === lead);
  if (!signal) throw new Error(`demo ECG has no lead ${lead}`);
  return signal.mv;
}

/** The QRS of one beat in one lead relative to its PR-segment baseline: extremes in mV. */
function qrsShape(record: EcgRecord, lead: string, beat: SynthBeatTruth) {
  const mv = leadSignal(record, lead);
  const fs = record.fsHz;
  const at = (s: number) => Math.max(0, Math.min(record.nSamples - 1, Math.round(s * fs)));
  const from = at(beat.qrsOnsetS - 0.03);
  const to = at(beat.qrsOnsetS - 0.005);
  let baseline = 0;
  for (let i = from; i <= to; i++) baseline += mv[i]!;
  baseline /= to - from + 1;
  let max = -Infinity;
  let min = Infinity;
  let maxAt = 0;
  let earlyMin = Infinity;
  let earlyMinAt = 0;
  for (let i = at(beat.qrsOnsetS); i <= at(beat.qrsOffsetS); i++) {
    const v = mv[i]! - baseline;
    if (v > max) {
      max = v;
      maxAt = i;
    }
    if (v < min) min = v;
    if (i <= at(beat.qrsOnsetS + 0.04) && v < earlyMin) {
      earlyMin = v;
      earlyMinAt = i;
    }
  }
  return { max, min, maxAt, earlyMin, earlyMinAt };
}

function conductedBeats(truth: SynthTruth): SynthBeatTruth[] {
  return truth.beats.filter((b) => !b.premature && b.qrsOnsetS > 0.1 && b.tOffsetS < 9.9);
}

/** True when most conducted beats' QRS in the lead is mainly upright (R taller than S deep). */
export function qrsMainlyPositive(ecg: DemoEcg, lead: string): boolean {
  const beats = conductedBeats(ecg.truth);
  const upright = beats.filter((b) => {
    const s = qrsShape(ecg.record, lead, b);
    return s.max > -s.min;
  }).length;
  return upright * 2 > beats.length;
}

/** True when most conducted beats start with a pathological Q wave (>= 0.1 mV and >= 1/4 of R). */
export function hasQWave(ecg: DemoEcg, lead: string): boolean {
  const beats = conductedBeats(ecg.truth);
  const withQ = beats.filter((b) => {
    const s = qrsShape(ecg.record, lead, b);
    return (
      s.earlyMin <= -0.1 && -s.earlyMin >= 0.25 * s.max && s.earlyMinAt < s.maxAt && s.max > 0.05
    );
  }).length;
  return withQ * 2 > beats.length;
}

/** Beats whose whole P-QRS-T lies inside the record, in time order (for grounding windows). */
export function groundableBeats(ecg: DemoEcg): SynthBeatTruth[] {
  return ecg.truth.beats.filter((b) => (b.pOnsetS ?? b.qrsOnsetS) > 0.2 && b.tOffsetS < 9.8);
}
