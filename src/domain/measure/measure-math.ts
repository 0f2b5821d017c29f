/** Small numeric helpers of the measurement engine. */

/** Median of a list of numbers (mean of the middle two for an even count). */
export const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Rounds to the given number of decimals. */
export const round = (value: number, digits: number): number => {
  const f = 10 ** digits;
  // + 0 turns -0 into 0, so results compare and serialise cleanly.
  return Math.round(value * f) / f + 0;
};

/** Clamps a value to [lo, hi]. */
export const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
/** A duration in ms as a whole number of samples at fs Hz. */
export const msToSamples = (valueMs: number, fs: number) => Math.round((valueMs / 1000) * fs);
