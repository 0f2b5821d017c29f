/** The rhythm of P waves found: whether the QRS complexes follow them, and their rate. */
import { median } from './measure-math';

/** PR intervals a conducted P wave may have (s)... */
export const PR_RANGE_S = [0.08, 0.42] as const;
/** ...and how widely they may spread across beats for the QRS complexes to follow the P waves. */
const PR_SPREAD_S = 0.1;
/** PP intervals this irregular (coefficient of variation) are no atrial rhythm to count. */
const MAX_PP_CV = 0.12;

/** Whether PR intervals (s; null where a beat has no P wave before it) are steady enough, and for enough beats, that the QRS complexes follow the P waves. */
export function steadyPr(prs: readonly (number | null)[]): boolean {
  const held = prs
    .filter((x): x is number => x !== null && x >= PR_RANGE_S[0] && x <= PR_RANGE_S[1])
    .sort((a, b) => a - b);
  if (held.length < Math.max(3, 0.6 * prs.length)) return false;
  const cut = Math.floor(held.length * 0.1);
  const middle = held.slice(cut, held.length - cut);
  return middle[middle.length - 1]! - middle[0]! <= PR_SPREAD_S;
}

/** The rate of a train of P waves (sample indices), or why there is none. */
export function atrialRate(
  peaksAt: readonly number[],
  fs: number,
): { value: number | null; note: string | null } {
  if (peaksAt.length < 3) return { value: null, note: 'fewer than 3 P waves found' };
  // A P wave hidden in a QRS doubles one PP interval: count each interval as the whole number of
  // cycles it spans, measured against the shorter intervals.
  const pp = peaksAt.slice(1).map((p, i) => (p - peaksAt[i]!) / fs);
  const base = [...pp].sort((a, b) => a - b)[Math.floor((pp.length - 1) / 4)]!;
  const cycles = pp.map((x) => x / Math.max(1, Math.round(x / base)));
  const mean = cycles.reduce((a, b) => a + b, 0) / cycles.length;
  const sd = Math.sqrt(cycles.reduce((a, b) => a + (b - mean) ** 2, 0) / cycles.length);
  if (sd / mean > MAX_PP_CV)
    return {
      value: null,
      note: `P-P intervals too irregular to give a rate (CV ${(sd / mean).toFixed(2)})`,
    };
  return { value: Math.round(60 / median(cycles)), note: null };
}
