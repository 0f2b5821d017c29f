import { describe, expect, it } from 'vitest';
import { hz } from '../domain/units';
import type { EcgRecord } from '../domain/wfdb/record';
import { detectBeatTimesS, firstBeatWindowFromQuestion, resolveBeatRange } from './beats';

/** A synthetic two-lead record with narrow R spikes at the given seconds over noise-free baseline. */
function spikes(beatsS: number[], fsHz = 500, durationS = 10): EcgRecord {
  const n = fsHz * durationS;
  const make = (amp: number) => {
    const mv = new Float32Array(n);
    for (const t of beatsS) {
      const c = Math.round(t * fsHz);
      for (let k = -10; k <= 10; k++)
        if (c + k >= 0 && c + k < n) mv[c + k] = amp * Math.max(0, 1 - Math.abs(k) / 10);
    }
    for (let i = 0; i < n; i++) mv[i]! += 0.1 * Math.sin((2 * Math.PI * i) / fsHz);
    return mv;
  };
  return {
    recordName: 'synthetic',
    fsHz: hz(fsHz),
    nSamples: n,
    signals: [
      { name: 'II', mv: make(1.2) },
      { name: 'V1', mv: make(-0.8) },
    ],
  };
}

describe('beats', () => {
  it('detects each R peak within a sample or two', () => {
    const truth = [0.5, 1.3, 2.05, 2.9, 3.7, 4.6, 5.4, 6.2, 7.1, 7.9, 8.8, 9.6];
    const found = detectBeatTimesS(spikes(truth));
    expect(found).toHaveLength(truth.length);
    found.forEach((t, i) => expect(Math.abs(t - truth[i]!)).toBeLessThanOrEqual(0.004));
  });

  it('resolves "Nth QRS wave" ranges, anchored on the question\'s 1st QRS window', () => {
    const beats = [0.1, 0.45, 1.2, 2.0, 2.8];
    expect(resolveBeatRange(beats, 2, 3)).toMatchObject({
      ok: true,
      fromBeatS: 0.45,
      toBeatS: 1.2,
    });
    const anchored = resolveBeatRange(beats, 2, 3, { startS: 0.38, endS: 0.49 });
    expect(anchored).toMatchObject({ ok: true, fromBeatS: 1.2, toBeatS: 2.0 });
    if (anchored.ok) {
      expect(anchored.startS).toBeCloseTo(1.14, 9);
      expect(anchored.endS).toBeCloseTo(2.06, 9);
    }
    expect(resolveBeatRange(beats, 5, 6)).toMatchObject({
      ok: false,
      reason: 'beats 5-6 asked for, 5 detected',
    });
    expect(resolveBeatRange(beats, 1, 2, { startS: 5, endS: 5.1 })).toMatchObject({ ok: false });
  });

  it('reads the 1st-QRS hint from a question', () => {
    const q =
      "Which interval? To ensure clear indexing, the '1st QRS wave' refers to the QRS wave located at [0.38s - 0.49s] in the ECG signal.";
    expect(firstBeatWindowFromQuestion(q)).toEqual({ startS: 0.38, endS: 0.49 });
    expect(firstBeatWindowFromQuestion('no hint')).toBeUndefined();
  });
});
