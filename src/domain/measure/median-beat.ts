/** Median beat: beats aligned on their fiducial, sample-wise median per lead. */

/** At most this many beats (spread evenly over the record) build a median beat. */
export const MEDIAN_BEAT_MAX_BEATS = 64;

/** Up to `max` items spread evenly over the list (all of them when there are fewer). */
export function spreadSubset<T>(items: readonly T[], max = MEDIAN_BEAT_MAX_BEATS): T[] {
  if (items.length <= max) return [...items];
  return Array.from({ length: max }, (_, i) => items[Math.floor((i * items.length) / max)]!);
}

/**
 * Sample-wise median of the stretches [at - pre, at + post] of each lead, at the given fiducials;
 * with `only`, just samples from..to of the stretch are computed (the rest stay 0).
 */
export function medianOfBeats(
  leads: readonly Float32Array[],
  allFiducials: readonly number[],
  pre: number,
  post: number,
  only?: { readonly from: number; readonly to: number },
): Float32Array[] {
  const fiducials = spreadSubset(allFiducials);
  const len = pre + post + 1;
  const k = fiducials.length;
  const scratch = new Float64Array(k);
  const from = Math.max(0, only?.from ?? 0);
  const to = Math.min(len - 1, only?.to ?? len - 1);
  return leads.map((x) => {
    const out = new Float32Array(len);
    for (let j = from; j <= to; j++) {
      for (let b = 0; b < k; b++) scratch[b] = x[fiducials[b]! - pre + j]!;
      out[j] = medianInPlace(scratch, k);
    }
    return out;
  });
}

/** Median of the first k values of a (sorted in place, insertion sort: k is small). */
function medianInPlace(a: Float64Array, k: number): number {
  for (let i = 1; i < k; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
  const mid = k >> 1;
  return k % 2 ? a[mid]! : (a[mid - 1]! + a[mid]!) / 2;
}

/**
 * Shifts each fiducial by up to maxShift samples to best match the template of summed slope
 * (sum of products over [-reach, +reach]); keeps median beats sharp when detection jitters.
 */
export function alignFiducials(
  slope: Float32Array,
  fiducials: readonly number[],
  template: Float32Array,
  templateCentre: number,
  reach: number,
  maxShift: number,
): number[] {
  return fiducials.map((f) => {
    let best = f;
    let bestScore = -Infinity;
    for (let s = -maxShift; s <= maxShift; s++) {
      let score = 0;
      for (let j = -reach; j <= reach; j++) {
        const t = template[templateCentre + j];
        const v = slope[f + s + j];
        if (t !== undefined && v !== undefined) score += t * v;
      }
      if (score > bestScore) {
        bestScore = score;
        best = f + s;
      }
    }
    return best;
  });
}

/** Summed |central difference| over leads: the slope trace of a median beat. */
export function summedSlope(leads: readonly Float32Array[]): Float32Array {
  const len = leads[0]?.length ?? 0;
  const out = new Float32Array(len);
  for (const x of leads) {
    for (let i = 1; i < len - 1; i++) out[i]! += Math.abs(x[i + 1]! - x[i - 1]!);
  }
  return out;
}
