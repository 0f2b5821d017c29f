/** What the generator adds to the heart's own waves: fibrillatory baseline, noise and wander. */
import type { SynthParams } from './conditions';
import { DEG } from './heart-vector';
import type { Prng } from './prng';

/** Fibrillatory baseline: a few 4-9 Hz oscillations with wandering phase, mostly along the P axis. */
export function addFibrillation(
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
export function disturbance(
  n: number,
  fs: number,
  params: SynthParams,
  rng: Prng,
): (i: number) => number {
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
