/**
 * Synthetic 12-lead ECG from a moving heart vector: every wave is a smooth pulse with compact
 * support pointing in a fixed 3-D direction, projected onto the leads. The limb leads come from
 * I and II by Einthoven and Goldberger, so III = II - I and aVR = -(I + II) / 2 hold exactly.
 */
import { STANDARD_LEADS } from '../leads';
import { hz } from '../units';
import type { EcgRecord } from '../wfdb/record';
import type { SynthParams } from './conditions';
import { DEG, pulseAt } from './heart-vector';
import { addFibrillation, disturbance } from './lead-disturbance';
import { buildTruth, planBeats } from './plan-beats';
import { createPrng } from './prng';
import type { SynthTruth } from './synth-truth';

export type { SynthBeatOrigin, SynthBeatTruth, SynthTruth } from './synth-truth';

/** A synthetic record and what it holds. */
export interface SyntheticEcg {
  readonly record: EcgRecord;
  readonly truth: SynthTruth;
}

/** Horizontal-plane angles of V1..V6 (0 = left lateral, 90 = anterior). */
const PRECORDIAL_DEG = [120, 100, 80, 60, 30, 0];
const PRECORDIAL_GAIN = 1.4;

/** Generates a 12-lead record (leads in STANDARD_LEADS order) and its ground truth; pure and seeded. */
export function generateSyntheticEcg(params: SynthParams): SyntheticEcg {
  if (!(params.fsHz > 0) || !(params.durationS > 0) || !(params.heartRateBpm > 0)) {
    throw new Error(
      `generateSyntheticEcg: fsHz, durationS and heartRateBpm must be positive (got ${params.fsHz}, ${params.durationS}, ${params.heartRateBpm})`,
    );
  }
  const rng = createPrng(params.seed);
  const fs = params.fsHz;
  const n = Math.round(params.durationS * fs);
  const plan = planBeats(params, rng);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const z = new Float64Array(n);
  for (const p of plan.pulses) {
    const cx = Math.cos(p.frontalDeg * DEG);
    const cy = Math.sin(p.frontalDeg * DEG);
    const from = Math.max(0, Math.floor(p.startS * fs));
    const to = Math.min(n - 1, Math.ceil((p.startS + p.durationS) * fs));
    for (let i = from; i <= to; i++) {
      const v = pulseAt(p, i / fs);
      x[i]! += v * cx;
      y[i]! += v * cy;
      z[i]! += v * p.anterior;
    }
  }
  if (params.condition === 'atrial_fibrillation') addFibrillation(x, y, z, fs, params, rng);
  const lead1 = new Float32Array(n);
  const lead2 = new Float32Array(n);
  const precordial = PRECORDIAL_DEG.map(() => new Float32Array(n));
  const disturb = () => disturbance(n, fs, params, rng);
  const d1 = disturb();
  const d2 = disturb();
  const dv = PRECORDIAL_DEG.map(disturb);
  for (let i = 0; i < n; i++) {
    lead1[i] = x[i]! + d1(i);
    lead2[i] = 0.5 * x[i]! + (Math.sqrt(3) / 2) * y[i]! + d2(i);
    PRECORDIAL_DEG.forEach((angle, k) => {
      precordial[k]![i] =
        PRECORDIAL_GAIN * (x[i]! * Math.cos(angle * DEG) + z[i]! * Math.sin(angle * DEG)) +
        0.2 * y[i]! +
        dv[k]!(i);
    });
  }
  const lead3 = new Float32Array(n);
  const avr = new Float32Array(n);
  const avl = new Float32Array(n);
  const avf = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const a = lead1[i]!;
    const b = lead2[i]!;
    lead3[i] = b - a;
    avr[i] = -(a + b) / 2;
    avl[i] = a - b / 2;
    avf[i] = b - a / 2;
  }
  const signals = [lead1, lead2, lead3, avr, avl, avf, ...precordial].map((mvs, k) => ({
    name: STANDARD_LEADS[k]!,
    mv: mvs,
  }));
  return {
    record: {
      recordName: `synth-${params.condition}-${params.seed}`,
      fsHz: hz(fs),
      nSamples: n,
      signals,
    },
    truth: buildTruth(params, plan),
  };
}
