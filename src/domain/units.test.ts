import { describe, expect, it } from 'vitest';
import { hz, indexToSeconds, ms, rrMsToBpm, sampleIndex, sec, secondsToIndex } from './units';

describe('units', () => {
  it('converts between sample indices and seconds at the record rate', () => {
    expect(indexToSeconds(sampleIndex(1250), hz(500))).toBe(2.5);
    expect(secondsToIndex(sec(8.843), hz(500))).toBe(4422);
  });
  it('turns an RR interval into a rate', () => {
    expect(rrMsToBpm(ms(800))).toBe(75);
  });
});
