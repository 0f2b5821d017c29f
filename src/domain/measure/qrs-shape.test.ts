import { describe, expect, it } from 'vitest';
import { qrsAmplitudes } from './lead-amplitudes';
import { qrsShapes } from './qrs-shape';
import type { MedianBeat } from './types';

const fsHz = 500;
// The median beat starts 300 ms before the R fiducial; the QRS runs from -40 to +80 ms.
const START_MS = -300;
const at = (ms: number) => Math.round(((ms - START_MS) / 1000) * fsHz);

/** A raised-cosine hump of height mv over [fromMs, toMs] (relative to the fiducial), added onto x. */
function hump(x: number[], fromMs: number, toMs: number, mv: number): number[] {
  const a = at(fromMs);
  const b = at(toMs);
  for (let i = a; i <= b; i++)
    x[i]! += (mv * (1 - Math.cos((2 * Math.PI * (i - a)) / (b - a)))) / 2;
  return x;
}

function beatOf(leads: Record<string, number[]>): MedianBeat {
  return {
    fsHz,
    startMs: START_MS,
    leads,
    qrsOnsetMs: -40,
    qrsOffsetMs: 80,
    pOnsetMs: null,
    pPeakMs: null,
    pOffsetMs: null,
    tPeakMs: null,
    tOffsetMs: null,
  };
}

const flat = () => new Array<number>(at(500)).fill(0);

describe('qrsShapes', () => {
  const rsr = hump(hump(hump(flat(), -40, -10, 0.3), -10, 20, -0.4), 20, 80, 0.8);
  const mono = hump(flat(), -40, 60, 1.2);
  // Two humps that overlap: the R dips to about 0.5 mV between its peaks, above the baseline.
  const notched = hump(hump(flat(), -40, 20, 0.8), 0, 70, 0.9);
  // An R whose upstroke pauses on a shelf: a slow first rise, flat, then the steep part.
  const shelf = hump(hump(flat(), -40, 0, 0.3), -20, 60, 1.0);
  const rs = hump(hump(flat(), -40, 0, 0.5), 0, 80, -0.6);
  const shapes = qrsShapes(beatOf({ V1: rsr, V6: mono, I: notched, aVL: shelf, V5: rs }));

  it("finds an rSR': an r, an S below the baseline, and a taller R'", () => {
    const v1 = shapes['V1']!;
    expect(v1.deflections.map((d) => d.sign)).toEqual([1, -1, 1]);
    expect(v1.rsrPrime?.firstMv).toBeCloseTo(0.3, 1);
    expect(v1.rsrPrime?.secondMv).toBeCloseTo(0.8, 1);
    expect(v1.rsrPrime!.dipMv).toBeLessThan(-0.3);
    expect(v1.sAfterR?.peakMv).toBeCloseTo(-0.4, 1);
  });

  it('reads a monophasic R: no second R, no notch, its peak time from QRS onset', () => {
    const v6 = shapes['V6']!;
    expect(v6.deflections).toHaveLength(1);
    expect(v6.rsrPrime).toBeNull();
    expect(v6.notchedR).toBe(false);
    expect(v6.sAfterR).toBeNull();
    expect(v6.rPeakTimeMs).toBe(50);
  });

  it('tells a notched R (two peaks) and a shelf on the upstroke from a smooth R', () => {
    expect(shapes['I']!.notchedR).toBe(true);
    expect(shapes['aVL']!.notchedR).toBe(true);
    expect(shapes['V6']!.notchedR).toBe(false);
    expect(shapes['V5']!.notchedR).toBe(false);
  });

  it('measures the S after the R, its duration against the R', () => {
    const v5 = shapes['V5']!;
    expect(v5.firstR?.peakMv).toBeCloseTo(0.5, 1);
    expect(v5.sAfterR?.peakMv).toBeCloseTo(-0.6, 1);
    expect(v5.sAfterR!.durationMs).toBeGreaterThan(v5.firstR!.durationMs);
  });

  it('is empty without a median beat', () => {
    expect(qrsShapes(null)).toEqual({});
  });
});

describe('qrsAmplitudes of an rSR', () => {
  it("reads the S between r and R' (the lowest point of the QRS), not 0 after the tallest", () => {
    const x = hump(hump(hump(flat(), -40, -10, 0.3), -10, 20, -0.4), 20, 80, 0.8);
    const a = qrsAmplitudes(x, 0, at(-40), at(80));
    expect(a.rMv).toBeCloseTo(0.8, 2);
    expect(a.sMv).toBeCloseTo(0.4, 2);
  });

  it('reads no S in a monophasic R and the whole depth of a QS', () => {
    expect(qrsAmplitudes(hump(flat(), -40, 60, 1.2), 0, at(-40), at(80)).sMv).toBe(0);
    const qs = qrsAmplitudes(hump(flat(), -40, 60, -1.1), 0, at(-40), at(80));
    expect(qs.rMv).toBe(0);
    expect(qs.sMv).toBeCloseTo(1.1, 2);
  });

  it('reads the whole depth of a QS that ends in a small positive wave (LBBB V1 into ST elevation)', () => {
    const x = hump(hump(flat(), -40, 50, -1.3), 50, 80, 0.13);
    const a = qrsAmplitudes(x, 0, at(-40), at(80));
    expect(a.rMv).toBeCloseTo(0.13, 2);
    expect(a.sMv).toBeCloseTo(1.3, 2);
  });
});
