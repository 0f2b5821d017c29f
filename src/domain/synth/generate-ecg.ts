/**
 * Synthetic 12-lead ECG from a moving heart vector: every wave is a smooth pulse with compact
 * support pointing in a fixed 3-D direction, projected onto the leads. The limb leads come from
 * I and II by Einthoven and Goldberger, so III = II - I and aVR = -(I + II) / 2 hold exactly.
 */
import { STANDARD_LEADS } from '../leads';
import { hz } from '../units';
import type { EcgRecord } from '../wfdb/record';
import type { SynthCondition, SynthParams } from './conditions';
import type { Prng } from './prng';
import { createPrng } from './prng';

/** Where a synthetic beat came from. */
export type SynthBeatOrigin = 'sinus' | 'atrial_fibrillation' | 'ventricular';

/** The true fiducials of one synthetic beat, in seconds from the record's start. */
export interface SynthBeatTruth {
  readonly qrsOnsetS: number;
  readonly qrsOffsetS: number;
  /** Peak of the main QRS component. */
  readonly rPeakS: number;
  readonly pOnsetS: number | null;
  readonly pPeakS: number | null;
  readonly pOffsetS: number | null;
  readonly tPeakS: number;
  readonly tOffsetS: number;
  readonly premature: boolean;
  readonly origin: SynthBeatOrigin;
}

/** What the generator put in the record: beats and the intervals and axes of conducted beats. */
export interface SynthTruth {
  readonly condition: SynthCondition;
  readonly beats: readonly SynthBeatTruth[];
  /** 60000 / mean RR over all beats. */
  readonly heartRateBpm: number;
  readonly meanRrMs: number;
  /** Null when the rhythm has no P waves. */
  readonly prMs: number | null;
  readonly qrsMs: number;
  readonly qtMs: number;
  /** Frontal direction of the net QRS area vector of conducted beats. */
  readonly qrsAxisDeg: number;
  readonly pAxisDeg: number | null;
  readonly tAxisDeg: number;
  /** 0-based indices into beats of the premature beats. */
  readonly prematureBeatIndices: readonly number[];
}

/** A synthetic record and what it holds. */
export interface SyntheticEcg {
  readonly record: EcgRecord;
  readonly truth: SynthTruth;
}

/** One smooth pulse of the heart vector: rises over riseFraction of its span, then falls. */
interface Pulse {
  readonly startS: number;
  readonly durationS: number;
  readonly riseFraction: number;
  readonly amplitudeMv: number;
  /** Frontal angle in degrees (0 = left, +90 = inferior). */
  readonly frontalDeg: number;
  /** Anterior component relative to the frontal one (+ towards V1-V2). */
  readonly anterior: number;
}

/** A wave made of pulses, relative to its own start, in fractions of its duration. */
interface PulseShape {
  readonly at: number;
  readonly span: number;
  readonly rise: number;
  readonly gain: number;
  readonly turnDeg: number;
  readonly anterior: number;
}

const DEG = Math.PI / 180;
/** Horizontal-plane angles of V1..V6 (0 = left lateral, 90 = anterior). */
const PRECORDIAL_DEG = [120, 100, 80, 60, 30, 0];
const PRECORDIAL_GAIN = 1.4;

const normalQrs: PulseShape[] = [
  { at: 0, span: 0.35, rise: 0.5, gain: 0.2, turnDeg: 140, anterior: 0.9 },
  { at: 0.2, span: 0.55, rise: 0.5, gain: 1, turnDeg: 0, anterior: -0.35 },
  { at: 0.6, span: 0.4, rise: 0.5, gain: 0.25, turnDeg: 220, anterior: -0.5 },
];
const lbbbQrs: PulseShape[] = [
  { at: 0, span: 0.4, rise: 0.55, gain: 0.35, turnDeg: -10, anterior: -0.5 },
  { at: 0.2, span: 0.5, rise: 0.5, gain: 1, turnDeg: 0, anterior: -0.9 },
  { at: 0.45, span: 0.55, rise: 0.45, gain: 0.8, turnDeg: -15, anterior: -0.7 },
];
const rbbbQrs: PulseShape[] = [
  { at: 0, span: 0.25, rise: 0.5, gain: 0.25, turnDeg: 140, anterior: 0.9 },
  { at: 0.12, span: 0.42, rise: 0.5, gain: 1, turnDeg: 0, anterior: -0.3 },
  { at: 0.5, span: 0.5, rise: 0.45, gain: 0.5, turnDeg: 150, anterior: 1.2 },
];
const infarctQrs: PulseShape[] = [
  { at: 0, span: 0.4, rise: 0.5, gain: 0.4, turnDeg: 0, anterior: 0.2 },
  { at: 0.25, span: 0.5, rise: 0.5, gain: 1, turnDeg: 0, anterior: -0.35 },
  { at: 0.65, span: 0.35, rise: 0.5, gain: 0.2, turnDeg: 220, anterior: -0.5 },
];
const ventricularQrs: PulseShape[] = [
  { at: 0, span: 0.65, rise: 0.55, gain: 1.3, turnDeg: 0, anterior: 0.6 },
  { at: 0.4, span: 0.6, rise: 0.5, gain: 0.6, turnDeg: 40, anterior: 0.3 },
];

const PVC_QRS_MS = 150;
const PVC_AXIS_TURN_DEG = 130;

function placeShape(
  shapes: readonly PulseShape[],
  startS: number,
  durationS: number,
  amplitudeMv: number,
  axisDeg: number,
): Pulse[] {
  return shapes.map((s) => ({
    startS: startS + s.at * durationS,
    durationS: s.span * durationS,
    riseFraction: s.rise,
    amplitudeMv: s.gain * amplitudeMv,
    frontalDeg: axisDeg + s.turnDeg,
    anterior: s.anterior,
  }));
}

/** Frontal angle of the summed area vector of pulses (area of a pulse = amplitude x span / 2). */
function netFrontalDeg(pulses: readonly Pulse[]): number {
  let x = 0;
  let y = 0;
  for (const p of pulses) {
    const area = (p.amplitudeMv * p.durationS) / 2;
    x += area * Math.cos(p.frontalDeg * DEG);
    y += area * Math.sin(p.frontalDeg * DEG);
  }
  return wrapDeg(Math.atan2(y, x) / DEG);
}

const wrapDeg = (angle: number): number => ((((angle + 180) % 360) + 360) % 360) - 180;

function qrsShapeFor(condition: SynthCondition): PulseShape[] {
  if (condition === 'lbbb') return lbbbQrs;
  if (condition === 'rbbb') return rbbbQrs;
  if (condition === 'inferior_infarct') return infarctQrs;
  return normalQrs;
}

/** Infarct Q waves come from an initial vector pointing up, away from II, III and aVF. */
function qrsAxisFor(condition: SynthCondition, axisDeg: number, index: number): number {
  return condition === 'inferior_infarct' && index === 0 ? -90 : axisDeg;
}

interface Plan {
  pulses: Pulse[];
  beats: SynthBeatTruth[];
  conductedQrs: Pulse[] | null;
}

/** Lays out beats: onset times, premature beats, and each beat's pulses. */
function planBeats(params: SynthParams, rng: Prng): Plan {
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
  return { pulses, beats, conductedQrs };
}

function tPulse(
  qrsOnsetS: number,
  qrsS: number,
  qtS: number,
  amplitudeMv: number,
  frontalDeg: number,
  anterior: number,
): Pulse {
  const startS = qrsOnsetS + qrsS + 0.3 * (qtS - qrsS);
  return {
    startS,
    durationS: qrsOnsetS + qtS - startS,
    riseFraction: 0.6,
    amplitudeMv,
    frontalDeg,
    anterior,
  };
}

/** Value of a pulse at time t (0 outside its span). */
function pulseAt(p: Pulse, tS: number): number {
  const u = tS - p.startS;
  if (u <= 0 || u >= p.durationS) return 0;
  const rise = p.durationS * p.riseFraction;
  const shape =
    u < rise
      ? 0.5 * (1 - Math.cos((Math.PI * u) / rise))
      : 0.5 * (1 + Math.cos((Math.PI * (u - rise)) / (p.durationS - rise)));
  return p.amplitudeMv * shape;
}

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

/** Fibrillatory baseline: a few 4-9 Hz oscillations with wandering phase, mostly along the P axis. */
function addFibrillation(
  x: Float64Array,
  y: Float64Array,
  z: Float64Array,
  fs: number,
  params: SynthParams,
  rng: Prng,
): void {
  const waves = [0, 1, 2].map(() => ({
    freq: rng.between(4, 9),
    phase: rng.between(0, 2 * Math.PI),
    amp: (params.pAmplitudeMv * 0.5) / 3,
    drift: rng.between(0.2, 0.8),
  }));
  const cx = Math.cos(params.pAxisDeg * DEG);
  const cy = Math.sin(params.pAxisDeg * DEG);
  for (let i = 0; i < x.length; i++) {
    const t = i / fs;
    let v = 0;
    for (const w of waves)
      v += w.amp * Math.sin(2 * Math.PI * w.freq * t + w.phase + Math.sin(w.drift * t) * 2);
    x[i]! += v * cx;
    y[i]! += v * cy;
    z[i]! += v * 0.8;
  }
}

/** White noise plus two slow sinusoids (baseline wander) for one lead, as a sample -> mV function. */
function disturbance(n: number, fs: number, params: SynthParams, rng: Prng): (i: number) => number {
  const noise = new Float32Array(n);
  for (let i = 0; i < n; i++) noise[i] = params.noiseMv * rng.normal();
  const drifts = [0, 1].map(() => ({
    freq: rng.between(0.1, 0.5),
    phase: rng.between(0, 2 * Math.PI),
    amp: params.baselineWanderMv * rng.between(0.5, 1),
  }));
  return (i) => {
    const t = i / fs;
    let v = noise[i]!;
    for (const d of drifts) v += d.amp * Math.sin(2 * Math.PI * d.freq * t + d.phase);
    return v;
  };
}

function buildTruth(params: SynthParams, plan: Plan): SynthTruth {
  const { beats } = plan;
  const first = beats[0];
  const last = beats[beats.length - 1];
  const meanRrMs =
    first && last && beats.length > 1
      ? ((last.qrsOnsetS - first.qrsOnsetS) * 1000) / (beats.length - 1)
      : 60_000 / params.heartRateBpm;
  const hasP = params.condition !== 'atrial_fibrillation';
  return {
    condition: params.condition,
    beats,
    heartRateBpm: 60_000 / meanRrMs,
    meanRrMs,
    prMs: hasP ? params.prMs : null,
    qrsMs: params.qrsMs,
    qtMs: params.qtMs,
    qrsAxisDeg: plan.conductedQrs ? netFrontalDeg(plan.conductedQrs) : params.qrsAxisDeg,
    pAxisDeg: hasP ? wrapDeg(params.pAxisDeg) : null,
    tAxisDeg: wrapDeg(params.condition === 'lbbb' ? params.qrsAxisDeg + 180 : params.tAxisDeg),
    prematureBeatIndices: beats.flatMap((b, i) => (b.premature ? [i] : [])),
  };
}
