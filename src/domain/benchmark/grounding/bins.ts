/**
 * Measurement options as bins: which option holds a value, which options are its neighbours.
 * Bins are half-open [lo, hi) (options.ts's rangeContains), so two neighbours never both hold a
 * value; options may leave gaps (templates.md: "bins that leave a gap against the threshold").
 */
import type { MeasurementRangeOption } from '../options';
import { rangeContains } from '../options';
import type { MeasurementOption } from './read';

/** How a measured value sits against the answer: in it, in a bin next to it, elsewhere, or not measured. */
export type BinVerdict = 'exact' | 'neighbour' | 'miss' | 'unmeasured';

/** Where a value falls among the bins: the option holding it, else the nearest bins below and above. */
export interface BinPlace {
  /** Index of the option whose range holds the value; null in a gap or beyond the ends. */
  readonly holding: number | null;
  /** Index of the nearest option wholly below the value (hi <= value). */
  readonly below: number | null;
  /** Index of the nearest option wholly above the value (lo > value). */
  readonly above: number | null;
}

type Indexed = { readonly range: MeasurementRangeOption; readonly index: number };

/** Readable ranges with their option indices, in ascending value order. */
function ascending(options: readonly MeasurementOption[]): Indexed[] {
  const out: Indexed[] = [];
  options.forEach((range, index) => {
    if (range.kind === 'range') out.push({ range, index });
  });
  return out.sort(
    (a, b) =>
      (a.range.lo ?? -Infinity) - (b.range.lo ?? -Infinity) ||
      (a.range.hi ?? Infinity) - (b.range.hi ?? Infinity),
  );
}

/** Where a value falls among the options' ranges. */
export function placeValue(options: readonly MeasurementOption[], value: number): BinPlace {
  let holding: number | null = null;
  let below: Indexed | null = null;
  let above: Indexed | null = null;
  for (const x of ascending(options)) {
    if (holding === null && rangeContains(x.range, value)) holding = x.index;
    if (x.range.hi !== null && x.range.hi <= value) below = x;
    if (above === null && x.range.lo !== null && x.range.lo > value) above = x;
  }
  return { holding, below: below?.index ?? null, above: above?.index ?? null };
}

/** The option indices of the bins next to option `index` in value order (below first). */
export function neighbourBins(options: readonly MeasurementOption[], index: number): number[] {
  const order = ascending(options);
  const at = order.findIndex((x) => x.index === index);
  if (at < 0) return [];
  return [order[at - 1], order[at + 1]].flatMap((x) => (x ? [x.index] : []));
}

/**
 * How a value sits against the answer option: exact when the answer holds it; neighbour when the
 * bin holding it is next to the answer, or, in a gap, the answer is the nearest bin on either side.
 */
export function binVerdict(
  options: readonly MeasurementOption[],
  answerIndex: number,
  value: number | null,
): BinVerdict {
  if (value === null) return 'unmeasured';
  const place = placeValue(options, value);
  if (place.holding === answerIndex) return 'exact';
  const near =
    place.holding !== null
      ? neighbourBins(options, place.holding)
      : [place.below, place.above].filter((i): i is number => i !== null);
  return near.includes(answerIndex) ? 'neighbour' : 'miss';
}
