/** Pure decimation: at most one min and one max per pixel column, keeping every extremum. */

/** Per-column extremes of a signal stretch; arrays are reused between calls (read count). */
export interface MinMaxColumns {
  /** Number of columns filled. */
  count: number;
  /** Column index (floor of the sample's x in the caller's pixel unit). */
  column: Int32Array;
  /** Smallest and largest value in the column. */
  min: Float32Array;
  max: Float32Array;
  /** 1 when the column's max comes before its min in time (draw max first). */
  maxFirst: Uint8Array;
  /** 1 when the column starts a new stretch after invalid (NaN) samples. */
  gapBefore: Uint8Array;
}

/** Allocates column buffers for up to `capacity` columns. */
export function createMinMaxColumns(capacity: number): MinMaxColumns {
  return {
    count: 0,
    column: new Int32Array(capacity),
    min: new Float32Array(capacity),
    max: new Float32Array(capacity),
    maxFirst: new Uint8Array(capacity),
    gapBefore: new Uint8Array(capacity),
  };
}

function grow(out: MinMaxColumns, capacity: number): MinMaxColumns {
  if (out.column.length >= capacity) return out;
  const grown = createMinMaxColumns(Math.max(capacity, out.column.length * 2));
  grown.column.set(out.column);
  grown.min.set(out.min);
  grown.max.set(out.max);
  grown.maxFirst.set(out.maxFirst);
  grown.gapBefore.set(out.gapBefore);
  return grown;
}

/**
 * Reduces samples [startIndex, endIndex) to a min and a max per pixel column, where sample i
 * sits at x = x0 + (i - startIndex) * dxPerSample (any pixel unit, usually canvas px) and its
 * column is floor(x). NaN samples are skipped and mark a gap. Returns `out` (or a larger
 * replacement when it was too small).
 */
export function decimateMinMax(
  values: ArrayLike<number>,
  startIndex: number,
  endIndex: number,
  x0: number,
  dxPerSample: number,
  out?: MinMaxColumns,
): MinMaxColumns {
  const first = Math.max(0, Math.floor(startIndex));
  const last = Math.min(values.length, Math.ceil(endIndex));
  const span = Math.max(0, last - first);
  const capacity = Math.min(span, Math.ceil(span * Math.abs(dxPerSample)) + 2);
  let res = grow(out ?? createMinMaxColumns(capacity), capacity);
  let n = -1;
  let currentCol = 0;
  let minIdx = 0;
  let maxIdx = 0;
  let gap = false;
  const base = x0 - first * dxPerSample;
  for (let i = first; i < last; i++) {
    const v = values[i]!;
    if (v !== v) {
      gap = n >= 0;
      continue;
    }
    const col = Math.floor(base + i * dxPerSample);
    if (n < 0 || col !== currentCol || gap) {
      if (n >= 0) res.maxFirst[n] = maxIdx < minIdx ? 1 : 0;
      n++;
      if (n >= res.column.length) res = grow(res, n + 1);
      currentCol = col;
      res.column[n] = col;
      res.min[n] = v;
      res.max[n] = v;
      res.gapBefore[n] = gap ? 1 : 0;
      minIdx = i;
      maxIdx = i;
      gap = false;
    } else {
      if (v < res.min[n]!) {
        res.min[n] = v;
        minIdx = i;
      }
      if (v > res.max[n]!) {
        res.max[n] = v;
        maxIdx = i;
      }
    }
  }
  if (n >= 0) res.maxFirst[n] = maxIdx < minIdx ? 1 : 0;
  res.count = n + 1;
  return res;
}
