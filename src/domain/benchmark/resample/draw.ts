/** Seeded draws for sample generation (one Mulberry32 stream per sample: same seed, same sample). */
import type { Prng } from '../../synth/prng';
import { createPrng } from '../../synth/prng';
import type { Tally } from '../templates';

/** A seeded source of the choices a generated sample makes. */
export interface Draw {
  /** An integer in [0, n). */
  int(n: number): number;
  /** k distinct items of a list, in the order drawn. */
  pick<T>(items: readonly T[], k: number): T[];
  /** One key of a tally, with probability proportional to its count. */
  weighted(tally: Tally): number;
}

/** A draw seeded by a 32-bit integer. */
export function createDraw(seed: number): Draw {
  const prng: Prng = createPrng(seed);
  const int = (n: number) => Math.min(n - 1, Math.floor(prng.uniform() * n));
  return {
    int,
    pick<T>(items: readonly T[], k: number): T[] {
      const pool = [...items];
      const out: T[] = [];
      while (out.length < k && pool.length > 0) out.push(pool.splice(int(pool.length), 1)[0]!);
      return out;
    },
    weighted(tally: Tally): number {
      const entries = Object.entries(tally).sort((a, b) => Number(a[0]) - Number(b[0]));
      const total = entries.reduce((n, [, c]) => n + c, 0);
      let at = prng.uniform() * total;
      for (const [key, count] of entries) {
        if ((at -= count) < 0) return Number(key);
      }
      return Number(entries[entries.length - 1]![0]);
    },
  };
}
