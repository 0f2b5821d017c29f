import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMinMaxColumns, decimateMinMax } from './decimate';

/** The value with -0 read as +0: the two are the same height on paper, and Math.min prefers -0. */
const num = (x: number | undefined) => (x ?? NaN) + 0;

/** Reference: group samples by floor(x) and take their min and max (NaN samples skipped). */
function reference(values: Float32Array, start: number, end: number, x0: number, dx: number) {
  const cols = new Map<number, { min: number; max: number }>();
  for (let i = start; i < end; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    const col = Math.floor(x0 - start * dx + i * dx);
    const c = cols.get(col);
    if (!c) cols.set(col, { min: v, max: v });
    else {
      c.min = Math.min(c.min, v);
      c.max = Math.max(c.max, v);
    }
  }
  return cols;
}

describe('decimateMinMax', () => {
  it('keeps every extremum: each column holds exactly the min and max of its samples', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ noNaN: true, min: -50, max: 50 }), { minLength: 1, maxLength: 3000 }),
        fc.double({ min: 0.001, max: 4, noNaN: true }),
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.nat(),
        (raw, dx, x0, startSeed) => {
          const values = Float32Array.from(raw);
          const start = startSeed % values.length;
          const out = decimateMinMax(values, start, values.length, x0, dx);
          const ref = reference(values, start, values.length, x0, dx);
          expect(out.count).toBe(ref.size);
          let prev = -Infinity;
          for (let k = 0; k < out.count; k++) {
            const col = out.column[k]!;
            expect(col).toBeGreaterThan(prev);
            prev = col;
            expect(num(out.min[k])).toBe(num(ref.get(col)!.min));
            expect(num(out.max[k])).toBe(num(ref.get(col)!.max));
          }
          // The global extremes survive whatever the column width.
          const mins = Array.from(out.min.subarray(0, out.count));
          const maxs = Array.from(out.max.subarray(0, out.count));
          const slice = Array.from(values.subarray(start));
          expect(num(Math.min(...mins))).toBe(num(Math.min(...slice)));
          expect(num(Math.max(...maxs))).toBe(num(Math.max(...slice)));
        },
      ),
      // The counterexample a clean clone once found: -0 beside +0 in one column.
      {
        numRuns: 300,
        examples: [
          [[0, -0], 0.001, 0, 0],
          [[-0, 0], 0.001, 0.25, 1],
        ],
      },
    );
  });

  it('orders each column for drawing and marks gaps at invalid samples', () => {
    const values = Float32Array.from([0, 5, -3, 1, NaN, NaN, 2, 2, 4]);
    const out = decimateMinMax(values, 0, values.length, 0, 0.25);
    expect(out.count).toBe(3);
    expect(Array.from(out.column.subarray(0, 3))).toEqual([0, 1, 2]);
    expect([out.min[0], out.max[0], out.maxFirst[0]]).toEqual([-3, 5, 1]);
    expect([out.min[1], out.max[1], out.gapBefore[1]]).toEqual([2, 2, 1]);
    expect([out.min[2], out.max[2], out.gapBefore[2]]).toEqual([4, 4, 0]);
    // A gap inside one column splits it so the line is not drawn across the invalid stretch.
    const inside = decimateMinMax(Float32Array.from([1, NaN, 3]), 0, 3, 0, 0.1);
    expect(inside.count).toBe(2);
    expect([inside.column[0], inside.column[1], inside.gapBefore[1]]).toEqual([0, 0, 1]);
  });

  it('reduces a long record to about one pair per pixel and reuses its buffers', () => {
    const values = new Float32Array(650_000).map((_, i) => Math.sin(i / 50));
    const buffers = createMinMaxColumns(2048);
    const out = decimateMinMax(values, 0, values.length, 0, 1600 / values.length, buffers);
    expect(out).toBe(buffers);
    expect(out.count).toBe(1600);
    const partial = decimateMinMax(values, 1000.4, 2000.6, 10, 1);
    expect(partial.count).toBe(1001);
    expect(partial.column[0]).toBe(10);
  });
});
