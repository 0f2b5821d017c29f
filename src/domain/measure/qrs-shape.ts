/**
 * The QRS of each lead of the median beat read as a shape: its deflections, the R-peak time, and
 * the morphologies benchmark questions ask about (RSR', a notched or slurred R, a slurred S, a
 * broad monophasic R). Pure and on demand: measureRecord does not call it, so it costs a record
 * nothing until a question needs it.
 */
import { PR_BASELINE_MS, meanOver } from './lead-amplitudes';
import type { MedianBeat } from './types';

/** A run of one sign beyond NOISE_MV between QRS onset and offset; times in ms from QRS onset. */
export interface QrsDeflection {
  readonly sign: 1 | -1;
  readonly startMs: number;
  readonly endMs: number;
  readonly durationMs: number;
  readonly peakMs: number;
  /** Signed: positive for an R, negative for a Q or S. */
  readonly peakMv: number;
}

/** An r (or R) and a later R' with a dip between them (below the baseline or a notch above it). */
export interface RsrPrime {
  readonly firstMv: number;
  readonly dipMv: number;
  readonly secondMv: number;
}

/** One lead's QRS shape on the median beat. */
export interface LeadQrsShape {
  readonly lead: string;
  readonly deflections: readonly QrsDeflection[];
  /** QRS onset to the highest point of the QRS (ms); null without an R. */
  readonly rPeakTimeMs: number | null;
  /** The first R wave and the S that follows it (the deepest point after it), if any. */
  readonly firstR: QrsDeflection | null;
  readonly sAfterR: QrsDeflection | null;
  readonly rsrPrime: RsrPrime | null;
  /** The tallest R has two peaks, or its stroke up (or down) stops or turns before going on. */
  readonly notchedR: boolean;
}

/** Runs closer to the baseline than this (mV) separate deflections... */
export const NOISE_MV = 0.02;
/** ...and a deflection counts when its peak reaches this far (mV). */
export const DEFLECTION_MV = 0.05;
/** An R' must reach this height (mV)... */
const R_PRIME_MV = 0.15;
/** ...and the dip before it must fall this far below the lower of the two peaks (mV). */
const RSR_DIP_MV = 0.05;
/** A stroke counts as going when its slope is this fraction of the steepest one, and as stopped at... */
const STROKE_GOING = 0.3;
/** ...this fraction. */
const STROKE_STOPPED = 0.1;
/** A notch is looked for on an R at least this tall (mV)... */
const NOTCH_MIN_R_MV = 0.15;
/** ...and two peaks inside it count as one when the dip between them is shallower than this (mV). */
const NOTCH_DIP_MV = 0.02;

function deflectionsOf(v: Float64Array, msPerSample: number): QrsDeflection[] {
  const out: QrsDeflection[] = [];
  let i = 0;
  while (i < v.length) {
    if (Math.abs(v[i]!) < NOISE_MV) {
      i++;
      continue;
    }
    const sign: 1 | -1 = v[i]! > 0 ? 1 : -1;
    const start = i;
    let peakAt = i;
    while (i < v.length && v[i]! * sign >= NOISE_MV) {
      if (v[i]! * sign > v[peakAt]! * sign) peakAt = i;
      i++;
    }
    if (Math.abs(v[peakAt]!) >= DEFLECTION_MV) {
      out.push({
        sign,
        startMs: start * msPerSample,
        endMs: (i - 1) * msPerSample,
        durationMs: (i - start) * msPerSample,
        peakMs: peakAt * msPerSample,
        peakMv: v[peakAt]!,
      });
    }
  }
  return out;
}

/** Local maxima of v at least DEFLECTION_MV above the baseline, as indices. */
function maximaOf(v: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 1; i < v.length - 1; i++) {
    if (v[i]! >= DEFLECTION_MV && v[i]! >= v[i - 1]! && v[i]! > v[i + 1]!) out.push(i);
  }
  return out;
}

function rsrPrimeOf(v: Float64Array): RsrPrime | null {
  const maxima = maximaOf(v);
  const first = maxima[0];
  if (first === undefined) return null;
  let dip = v[first]!;
  for (let k = first + 1, m = 1; k < v.length && m < maxima.length; k++) {
    dip = Math.min(dip, v[k]!);
    if (k !== maxima[m]) continue;
    m++;
    const second = v[k]!;
    if (second >= R_PRIME_MV && dip <= Math.min(v[first]!, second) - RSR_DIP_MV) {
      return { firstMv: v[first]!, dipMv: dip, secondMv: second };
    }
  }
  return null;
}

/** Whether a stroke's slope (along `dir`) drops to STROKE_STOPPED after going and then goes again. */
function strokePauses(v: Float64Array, from: number, to: number, dir: 1 | -1): boolean {
  if (to - from < 4) return false;
  let steepest = 0;
  const slope = (i: number) => (dir * (v[i + 1]! - v[i - 1]!)) / 2;
  for (let i = from + 1; i < to; i++) steepest = Math.max(steepest, slope(i));
  if (steepest <= 0) return false;
  let state: 'before' | 'going' | 'stopped' = 'before';
  for (let i = from + 1; i < to; i++) {
    const s = slope(i);
    if (state === 'before' && s >= STROKE_GOING * steepest) state = 'going';
    else if (state === 'going' && s <= STROKE_STOPPED * steepest) state = 'stopped';
    else if (state === 'stopped' && s >= STROKE_GOING * steepest) return true;
  }
  return false;
}

/** Whether [from, to] holds two local maxima with a dip of NOTCH_DIP_MV or more between them. */
function twoPeaks(v: Float64Array, from: number, to: number): boolean {
  const maxima = maximaOf(v).filter((i) => i >= from && i <= to);
  for (let a = 0; a < maxima.length; a++) {
    let dip = Infinity;
    for (let b = a + 1; b < maxima.length; b++) {
      for (let i = maxima[b - 1]!; i <= maxima[b]!; i++) dip = Math.min(dip, v[i]!);
      if (dip <= Math.min(v[maxima[a]!]!, v[maxima[b]!]!) - NOTCH_DIP_MV) return true;
    }
  }
  return false;
}

function notchedROf(
  v: Float64Array,
  deflections: readonly QrsDeflection[],
  msPerSample: number,
): boolean {
  let tallest: QrsDeflection | null = null;
  for (const d of deflections)
    if (d.sign === 1 && (!tallest || d.peakMv > tallest.peakMv)) tallest = d;
  if (!tallest || tallest.peakMv < NOTCH_MIN_R_MV) return false;
  const start = Math.round(tallest.startMs / msPerSample);
  const peak = Math.round(tallest.peakMs / msPerSample);
  const end = Math.round(tallest.endMs / msPerSample);
  return (
    twoPeaks(v, start, end) || strokePauses(v, start, peak, 1) || strokePauses(v, peak, end, -1)
  );
}

/**
 * Every lead's QRS shape on the median beat, from QRS onset to offset, each lead from its PR
 * baseline (the window the engine's amplitudes use); empty without a median beat.
 */
export function qrsShapes(medianBeat: MedianBeat | null): Record<string, LeadQrsShape> {
  if (!medianBeat) return {};
  const fs = medianBeat.fsHz;
  const msPerSample = 1000 / fs;
  const index = (ms: number) => Math.round(((ms - medianBeat.startMs) / 1000) * fs);
  const onset = index(medianBeat.qrsOnsetMs);
  const offset = index(medianBeat.qrsOffsetMs);
  const out: Record<string, LeadQrsShape> = {};
  for (const [lead, x] of Object.entries(medianBeat.leads)) {
    const baseline = meanOver(
      x,
      onset - Math.round((PR_BASELINE_MS.from / 1000) * fs),
      onset - Math.round((PR_BASELINE_MS.to / 1000) * fs),
    );
    const v = new Float64Array(Math.max(0, offset - onset + 1));
    for (let i = 0; i < v.length; i++) v[i] = (x[onset + i] ?? baseline) - baseline;
    const deflections = deflectionsOf(v, msPerSample);
    let top = -1;
    for (let i = 0; i < v.length; i++) if (top < 0 || v[i]! > v[top]!) top = i;
    const firstR = deflections.find((d) => d.sign === 1) ?? null;
    const afterR = firstR
      ? deflections.filter((d) => d.sign === -1 && d.startMs > firstR.endMs)
      : [];
    const sAfterR = afterR.reduce<QrsDeflection | null>(
      (deepest, d) => (!deepest || d.peakMv < deepest.peakMv ? d : deepest),
      null,
    );
    out[lead] = {
      lead,
      deflections,
      rPeakTimeMs: top >= 0 && v[top]! >= DEFLECTION_MV ? top * msPerSample : null,
      firstR,
      sAfterR,
      rsrPrime: rsrPrimeOf(v),
      notchedR: notchedROf(v, deflections, msPerSample),
    };
  }
  return out;
}
