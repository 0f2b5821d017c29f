import { describe, expect, it } from 'vitest';
import { formatIdRanges } from './id-ranges';

describe('formatIdRanges', () => {
  it('writes runs of three or more as ranges, sorted and without repeats', () => {
    expect(formatIdRanges([10, 9, 1, 2, 3, 7, 3])).toBe('1-3, 7, 9, 10');
    expect(formatIdRanges([0, 1, 2, 3, 4, 199])).toBe('0-4, 199');
    expect(formatIdRanges([])).toBe('');
  });
});
