/** A seeded pseudo-random source: uniform in [0, 1) and standard normal draws. */
export interface Prng {
  /** Uniform draw in [0, 1). */
  uniform(): number;
  /** Standard normal draw (mean 0, standard deviation 1). */
  normal(): number;
  /** Uniform draw in [lo, hi). */
  between(lo: number, hi: number): number;
}

/** Mulberry32 generator seeded by a 32-bit integer: same seed, same sequence, on every platform. */
export function createPrng(seed: number): Prng {
  let state = seed >>> 0;
  let spare: number | null = null;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const normal = (): number => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    // Box-Muller: two uniforms give two independent normals.
    const u = Math.max(uniform(), Number.EPSILON);
    const v = uniform();
    const radius = Math.sqrt(-2 * Math.log(u));
    spare = radius * Math.sin(2 * Math.PI * v);
    return radius * Math.cos(2 * Math.PI * v);
  };
  return { uniform, normal, between: (lo, hi) => lo + (hi - lo) * uniform() };
}
