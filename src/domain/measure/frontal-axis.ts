/** The frontal-plane axis of a stretch of the record, from the areas under leads I and aVF. */
import { frontalAxisDeg } from './lead-amplitudes';
import { round } from './measure-math';

/** Indices of I and aVF, or a way to derive aVF from II (aVF = II - I/2). */
function axisLeads(names: readonly string[], leads: readonly ArrayLike<number>[]) {
  const at = (n: string) => names.indexOf(n);
  const i1 = at('I');
  if (i1 < 0) return null;
  const f = at('aVF');
  const ii = at('II');
  if (f >= 0) return { lead1: leads[i1]!, avf: (i: number) => leads[f]![i]!, names: ['I', 'aVF'] };
  if (ii >= 0)
    return {
      lead1: leads[i1]!,
      avf: (i: number) => leads[ii]![i]! - leads[i1]![i]! / 2,
      names: ['I', 'II'],
    };
  return null;
}

/** Axis (degrees) of [from, to] from the areas in I and aVF (or aVF derived from II); null without those leads. */
export function axisFromArea(
  names: readonly string[],
  leads: readonly ArrayLike<number>[],
  baselines: readonly number[],
  from: number,
  to: number,
): number | null {
  const ax = axisLeads(names, leads);
  if (!ax) return null;
  const i1 = names.indexOf('I');
  const b1 = baselines[i1]!;
  const f = names.indexOf('aVF');
  const avfBase = f >= 0 ? baselines[f]! : baselines[names.indexOf('II')]! - b1 / 2;
  let a1 = 0;
  let af = 0;
  for (let i = from; i <= to; i++) {
    a1 += ax.lead1[i]! - b1;
    af += ax.avf(i) - avfBase;
  }
  const axis = frontalAxisDeg(a1, af);
  return axis === null ? null : round(axis, 1);
}
