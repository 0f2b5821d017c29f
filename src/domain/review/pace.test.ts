import { describe, expect, it } from 'vitest';
import { estimatePace } from './pace';

const MIN = 60_000;

describe('estimatePace', () => {
  it('multiplies the mean gap by the items left', () => {
    // Verdicts at 0, 20 s, 60 s, 90 s (given out of order): gaps 20, 40, 30 s -> 30 s per item.
    const estimate = estimatePace([60_000, 0, 90_000, 20_000], 10);
    expect(estimate).toEqual({ msPerItem: 30_000, timeLeftMs: 300_000, gapsUsed: 3 });
  });

  it('leaves breaks out of the pace', () => {
    // 30 s, then a 2-hour lunch, then 60 s: the pace is 45 s per item.
    const t = [0, 30_000, 30_000 + 120 * MIN, 90_000 + 120 * MIN];
    expect(estimatePace(t, 4)).toEqual({ msPerItem: 45_000, timeLeftMs: 180_000, gapsUsed: 2 });
    expect(estimatePace(t, 4, { breakMs: 200 * MIN }).gapsUsed).toBe(3);
  });

  it('reads the current pace from the most recent gaps only', () => {
    // Ten slow gaps of 60 s, then two fast ones of 10 s.
    const t = [0];
    for (let i = 0; i < 10; i++) t.push(t[t.length - 1]! + 60_000);
    t.push(t[t.length - 1]! + 10_000, t[t.length - 1]! + 20_000);
    expect(estimatePace(t, 1, { recentGaps: 2 }).msPerItem).toBe(10_000);
    expect(estimatePace(t, 1).msPerItem).toBe(620_000 / 12);
  });

  it('has no pace before two verdicts, and no time left when nothing remains', () => {
    expect(estimatePace([], 5)).toEqual({ msPerItem: null, timeLeftMs: null, gapsUsed: 0 });
    expect(estimatePace([1000], 5).timeLeftMs).toBeNull();
    expect(estimatePace([1000], 0).timeLeftMs).toBe(0);
    expect(estimatePace([0, 5 * MIN * 3], 2).msPerItem).toBeNull();
  });
});
