import { describe, expect, it } from 'vitest';
import { traceHairlineOffsets } from './trace-stroke';

describe('traceHairlineOffsets', () => {
  it('draws one centred hairline at pixel ratio 1, whatever the zoom', () => {
    for (const zoom of [0.05, 0.5, 1, 2, 8]) expect(traceHairlineOffsets(zoom, 1)).toEqual([0]);
  });

  it('adds parallel passes, centred on the trace, on dense screens as the zoom grows', () => {
    expect(traceHairlineOffsets(0.5, 2)).toEqual([0]);
    expect(traceHairlineOffsets(1, 2)).toEqual([-0.375, 0.375]);
    const three = traceHairlineOffsets(2, 2);
    expect(three).toEqual([-0.75, 0, 0.75]);
    expect(traceHairlineOffsets(8, 3)).toHaveLength(3);
  });
});
