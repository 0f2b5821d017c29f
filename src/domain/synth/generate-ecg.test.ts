import { describe, expect, it } from 'vitest';
import { STANDARD_LEADS } from '../leads';
import { SYNTH_CONDITIONS, synthParams } from './conditions';
import { generateSyntheticEcg } from './generate-ecg';

const lead = (ecg: ReturnType<typeof generateSyntheticEcg>, name: string) => {
  const signal = ecg.record.signals.find((s) => s.name === name);
  if (!signal) throw new Error(`no lead ${name}`);
  return signal.mv;
};

describe('generateSyntheticEcg', () => {
  it.each(SYNTH_CONDITIONS)(
    '%s: 12 standard leads obeying Einthoven and Goldberger',
    (condition) => {
      const ecg = generateSyntheticEcg(synthParams(condition, { seed: 7, noiseMv: 0.02 }));
      expect(ecg.record.signals.map((s) => s.name)).toEqual([...STANDARD_LEADS]);
      expect(ecg.record.nSamples).toBe(5000);
      const [i1, i2, i3, r, l, f] = ['I', 'II', 'III', 'aVR', 'aVL', 'aVF'].map((n) =>
        lead(ecg, n),
      );
      for (let k = 0; k < ecg.record.nSamples; k += 7) {
        expect(i3![k]).toBeCloseTo(i2![k]! - i1![k]!, 5);
        expect(r![k]).toBeCloseTo(-(i1![k]! + i2![k]!) / 2, 5);
        expect(l![k]).toBeCloseTo(i1![k]! - i2![k]! / 2, 5);
        expect(f![k]).toBeCloseTo(i2![k]! - i1![k]! / 2, 5);
      }
      expect(ecg.truth.beats.length).toBeGreaterThan(4);
    },
  );

  it('is reproducible for a seed and differs between seeds', () => {
    const a = generateSyntheticEcg(synthParams('normal_sinus_rhythm', { seed: 3 }));
    const b = generateSyntheticEcg(synthParams('normal_sinus_rhythm', { seed: 3 }));
    const c = generateSyntheticEcg(synthParams('normal_sinus_rhythm', { seed: 4 }));
    expect(lead(a, 'V2')).toEqual(lead(b, 'V2'));
    expect(lead(a, 'V2')).not.toEqual(lead(c, 'V2'));
  });

  it('places beats at the asked rate with the asked intervals', () => {
    for (const heartRateBpm of [40, 75, 150]) {
      const { truth } = generateSyntheticEcg(
        synthParams('normal_sinus_rhythm', { heartRateBpm, durationS: 20 }),
      );
      expect(Math.abs(truth.heartRateBpm - heartRateBpm)).toBeLessThan(heartRateBpm * 0.03);
      for (const beat of truth.beats) {
        expect(beat.qrsOffsetS - beat.qrsOnsetS).toBeCloseTo(0.09, 6);
        expect(beat.qrsOnsetS - beat.pOnsetS!).toBeCloseTo(0.16, 6);
        expect(beat.tOffsetS).toBeLessThan(20);
      }
    }
  });

  it('atrial fibrillation: irregular RR and no P waves', () => {
    const { truth } = generateSyntheticEcg(synthParams('atrial_fibrillation', { durationS: 30 }));
    const rr = truth.beats.slice(1).map((b, i) => b.qrsOnsetS - truth.beats[i]!.qrsOnsetS);
    const mean = rr.reduce((a, b) => a + b, 0) / rr.length;
    const sd = Math.sqrt(rr.reduce((a, b) => a + (b - mean) ** 2, 0) / rr.length);
    expect(sd / mean).toBeGreaterThan(0.1);
    expect(truth.beats.every((b) => b.pOnsetS === null)).toBe(true);
    expect(truth.prMs).toBeNull();
  });

  it('ventricular premature beats: early, wide, no P, followed by a compensatory pause', () => {
    const { truth } = generateSyntheticEcg(
      synthParams('ventricular_premature_beats', { durationS: 20 }),
    );
    expect(truth.prematureBeatIndices.length).toBeGreaterThanOrEqual(2);
    const rrS = 60 / 70;
    for (const k of truth.prematureBeatIndices) {
      const pvc = truth.beats[k]!;
      const before = truth.beats[k - 1]!;
      const after = truth.beats[k + 1];
      expect(pvc.pOnsetS).toBeNull();
      expect(pvc.qrsOffsetS - pvc.qrsOnsetS).toBeGreaterThan(0.12);
      expect(pvc.qrsOnsetS - before.qrsOnsetS).toBeLessThan(rrS * 0.7);
      if (after) expect(after.qrsOnsetS - before.qrsOnsetS).toBeCloseTo(2 * rrS, 1);
    }
  });

  it('inferior infarct: initial negative deflection (Q) in II, III and aVF', () => {
    const ecg = generateSyntheticEcg(
      synthParams('inferior_infarct', { noiseMv: 0, baselineWanderMv: 0 }),
    );
    const beat = ecg.truth.beats[1]!;
    const fs = ecg.record.fsHz;
    for (const name of ['II', 'III', 'aVF']) {
      const x = lead(ecg, name);
      const at = Math.round((beat.qrsOnsetS + 0.02) * fs);
      expect(x[at]!).toBeLessThan(-0.05);
    }
  });

  it('rbbb: terminal positive deflection in V1 and a terminal S in I; lbbb: no initial q in V6', () => {
    const r = generateSyntheticEcg(synthParams('rbbb', { noiseMv: 0, baselineWanderMv: 0 }));
    const beat = r.truth.beats[1]!;
    const late = Math.round((beat.qrsOffsetS - 0.03) * r.record.fsHz);
    expect(lead(r, 'V1')[late]!).toBeGreaterThan(0.2);
    expect(lead(r, 'I')[late]!).toBeLessThan(-0.1);
    const l = generateSyntheticEcg(synthParams('lbbb', { noiseMv: 0, baselineWanderMv: 0 }));
    const lb = l.truth.beats[1]!;
    const v6 = lead(l, 'V6');
    for (let t = lb.qrsOnsetS; t < lb.qrsOnsetS + 0.04; t += 0.004) {
      expect(v6[Math.round(t * l.record.fsHz)]!).toBeGreaterThanOrEqual(-0.01);
    }
    expect(
      Math.min(
        ...lead(l, 'V1').slice(Math.round(lb.qrsOnsetS * 500), Math.round(lb.qrsOffsetS * 500)),
      ),
    ).toBeLessThan(-0.8);
  });

  it('rejects impossible parameters with a clear message', () => {
    expect(() => generateSyntheticEcg(synthParams('normal_sinus_rhythm', { fsHz: 0 }))).toThrow(
      /fsHz, durationS and heartRateBpm must be positive/,
    );
  });
});
