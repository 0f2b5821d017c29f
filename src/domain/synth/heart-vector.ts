/** The heart vector's pulses: the QRS shapes per condition, the T pulse, and a pulse's value in time. */
import type { SynthCondition } from './conditions';

/** One smooth pulse of the heart vector: rises over riseFraction of its span, then falls. */
export interface Pulse {
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
export interface PulseShape {
  readonly at: number;
  readonly span: number;
  readonly rise: number;
  readonly gain: number;
  readonly turnDeg: number;
  readonly anterior: number;
}

/** Degrees to radians. */
export const DEG = Math.PI / 180;

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
/** QRS shape of a ventricular (premature) beat. */
export const ventricularQrs: PulseShape[] = [
  { at: 0, span: 0.65, rise: 0.55, gain: 1.3, turnDeg: 0, anterior: 0.6 },
  { at: 0.4, span: 0.6, rise: 0.5, gain: 0.6, turnDeg: 40, anterior: 0.3 },
];

/** Places a shape's pulses at startS, stretched over durationS, scaled and turned to the axis. */
export function placeShape(
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
export function netFrontalDeg(pulses: readonly Pulse[]): number {
  let x = 0;
  let y = 0;
  for (const p of pulses) {
    const area = (p.amplitudeMv * p.durationS) / 2;
    x += area * Math.cos(p.frontalDeg * DEG);
    y += area * Math.sin(p.frontalDeg * DEG);
  }
  return wrapDeg(Math.atan2(y, x) / DEG);
}

/** An angle wrapped into [-180, 180). */
export const wrapDeg = (angle: number): number => ((((angle + 180) % 360) + 360) % 360) - 180;

/** The conducted QRS shape of a condition. */
export function qrsShapeFor(condition: SynthCondition): PulseShape[] {
  if (condition === 'lbbb') return lbbbQrs;
  if (condition === 'rbbb') return rbbbQrs;
  if (condition === 'inferior_infarct') return infarctQrs;
  return normalQrs;
}

/** Infarct Q waves come from an initial vector pointing up, away from II, III and aVF. */
export function qrsAxisFor(condition: SynthCondition, axisDeg: number, index: number): number {
  return condition === 'inferior_infarct' && index === 0 ? -90 : axisDeg;
}

/** The T wave's pulse of a beat, from its QRS onset, QRS and QT durations. */
export function tPulse(
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
export function pulseAt(p: Pulse, tS: number): number {
  const u = tS - p.startS;
  if (u <= 0 || u >= p.durationS) return 0;
  const rise = p.durationS * p.riseFraction;
  const shape =
    u < rise
      ? 0.5 * (1 - Math.cos((Math.PI * u) / rise))
      : 0.5 * (1 + Math.cos((Math.PI * (u - rise)) / (p.durationS - rise)));
  return p.amplitudeMv * shape;
}
