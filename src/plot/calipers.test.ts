import { describe, expect, it } from 'vitest';
import { readCaliper } from './calipers';

describe('readCaliper', () => {
  it('reads an RR interval in ms with its rate, and amplitudes in mV', () => {
    const rr = readCaliper({
      id: 'a',
      kind: 'time',
      cellId: 'r0c0',
      lead: 'II',
      t1S: 1.25,
      t2S: 0.45,
      mv1: 0,
      mv2: 1,
    });
    expect(rr.intervalMs).toBeCloseTo(800, 9);
    expect(rr.bpm).toBeCloseTo(75, 9);
    expect(rr.text).toBe('800 ms · 75 bpm');
    const ampCaliper = {
      id: 'b',
      kind: 'amplitude',
      cellId: 'r0c0',
      lead: 'V1',
      t1S: 1,
      t2S: 1,
      mv1: -0.4,
      mv2: 1.1,
    } as const;
    const amp = readCaliper(ampCaliper);
    expect(amp.amplitudeMv).toBeCloseTo(1.5, 9);
    expect(amp.text).toBe('1.50 mV');
    expect(readCaliper({ ...ampCaliper, kind: 'time' }).bpm).toBeNull();
  });
});
