import { describe, expect, it } from 'vitest';
import { binVerdict, neighbourBins, placeValue } from './bins';
import { readMeasurementOption } from './read';

const bins = (texts: string[]) => texts.map(readMeasurementOption);

describe('measurement bins', () => {
  // PR options when the finding is "No" (templates.md): they stop at 200 ms, the threshold.
  const pr = bins([
    'Below 120ms',
    '[120ms - 140ms]',
    '[140ms - 160ms]',
    '[160ms - 180ms]',
    '[180ms - 200ms]',
  ]);

  it('places a value in the half-open bin holding it; an edge belongs to the bin above', () => {
    expect(placeValue(pr, 119)).toEqual({ holding: 0, below: null, above: 1 });
    expect(placeValue(pr, 120).holding).toBe(1);
    expect(placeValue(pr, 152)).toEqual({ holding: 2, below: 1, above: 3 });
    expect(placeValue(pr, 200)).toEqual({ holding: null, below: 4, above: null });
  });

  it('names neighbours in value order, whatever the option order', () => {
    expect(neighbourBins(pr, 0)).toEqual([1]);
    expect(neighbourBins(pr, 2)).toEqual([1, 3]);
    const shuffled = bins(['[160ms - 180ms]', 'Below 120ms', '[120ms - 160ms]']);
    expect(neighbourBins(shuffled, 2)).toEqual([1, 0]);
    expect(neighbourBins(shuffled, 7)).toEqual([]);
  });

  it('judges a value exact, neighbour, miss or unmeasured against the answer', () => {
    expect(binVerdict(pr, 2, 152)).toBe('exact');
    expect(binVerdict(pr, 1, 152)).toBe('neighbour');
    expect(binVerdict(pr, 0, 152)).toBe('miss');
    expect(binVerdict(pr, 2, null)).toBe('unmeasured');
    // Past the last bin: the nearest bin below is the neighbour, the one before it is not.
    expect(binVerdict(pr, 4, 230)).toBe('neighbour');
    expect(binVerdict(pr, 3, 230)).toBe('miss');
  });

  it('across a gap, the nearest bins on both sides are neighbours', () => {
    // LAFB axis options when the finding is "No": they leave -90..-30 out.
    const axis = bins([
      '[-180 degrees - -90 degrees]',
      '[-30 degrees - 0 degrees]',
      '[0 degrees - 90 degrees]',
      '[90 degrees - 180 degrees]',
    ]);
    expect(placeValue(axis, -45)).toEqual({ holding: null, below: 0, above: 1 });
    expect(binVerdict(axis, 0, -45)).toBe('neighbour');
    expect(binVerdict(axis, 1, -45)).toBe('neighbour');
    expect(binVerdict(axis, 2, -45)).toBe('miss');
  });

  it('skips options it cannot read', () => {
    const mixed = bins(['Below 0.3mV', 'about 0.4mV', '[0.6mV - 0.9mV]']);
    expect(mixed[1]).toEqual({ kind: 'unreadable', reason: 'not a measurement range' });
    expect(placeValue(mixed, 0.45)).toEqual({ holding: null, below: 0, above: 2 });
    expect(neighbourBins(mixed, 0)).toEqual([2]);
  });
});
