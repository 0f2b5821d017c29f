import { describe, expect, it } from 'vitest';
import { hz } from '../domain/units';
import type { EcgRecord } from '../domain/wfdb/record';
import { detectBeatTimesS } from './beats';

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
});
