import { describe, expect, it } from 'vitest';
import { doneText, durationText, paceText } from './progress-text';

describe('progress in words', () => {
  it('writes durations, pace and counts', () => {
    expect(durationText(20_000)).toBe('under a minute');
    expect(durationText(12 * 60_000)).toBe('12 min');
    expect(durationText(125 * 60_000)).toBe('2 h 5 min');
    expect(durationText(120 * 60_000)).toBe('2 h');
    expect(paceText(3, 10, 25_000, 175_000)).toBe(
      'about 3 min left at the current pace (25 s per sample)',
    );
    expect(paceText(0, 10, null, null)).toMatch(/known after a few verdicts/);
    expect(paceText(3, 10, null, 3_600_000)).toBe('about 1 h left at the current pace');
    expect(paceText(10, 10, 25_000, 0)).toBe('all done');
    expect(doneText(12, 50)).toBe('12 of 50 done (24%)');
    expect(doneText(0, 0)).toBe('0 of 0 done (0%)');
  });
});
