/** Measurement option sets of templates: fixed texts, or a window of equal bins that slides. */
import type { MeasurementOption } from '../grounding';
import { formatMeasurementRange } from '../grounding';
import type { BinSet } from './types';

/** A sliding bin set as one question writes it: its first bin's lower edge is `offset`. */
interface SlidingRead {
  readonly unit: NonNullable<Extract<MeasurementOption, { kind: 'range' }>['unit']>;
  readonly width: number;
  readonly count: number;
  readonly offset: number;
}

// Edges are written to 2 decimals at most: compare them on that grid.
const sameEdge = (a: number, b: number) => Math.abs(a - b) < 1e-6;

/** Reads options as consecutive closed bins of one width (the sliding form); null otherwise. */
function slidingOf(options: readonly MeasurementOption[]): SlidingRead | null {
  if (options.length < 2) return null;
  const first = options[0]!;
  if (first.kind !== 'range' || first.lo === null || first.hi === null) return null;
  const width = first.hi - first.lo;
  for (let i = 0; i < options.length; i++) {
    const o = options[i]!;
    if (o.kind !== 'range' || o.lo === null || o.hi === null || o.unit !== first.unit) return null;
    if (!sameEdge(o.hi - o.lo, width) || !sameEdge(o.lo, first.lo + i * width)) return null;
  }
  return { unit: first.unit, width, count: options.length, offset: first.lo };
}

/** The bin set one question shows: sliding when its options are equal consecutive closed bins. */
export function binSetOf(options: readonly MeasurementOption[], texts: readonly string[]): BinSet {
  const sliding = slidingOf(options);
  return sliding
    ? {
        kind: 'sliding',
        unit: sliding.unit,
        width: sliding.width,
        count: sliding.count,
        offsets: [sliding.offset],
      }
    : { kind: 'fixed', options: [...texts] };
}

/** What two questions must share to be one slot: the texts, or the unit, width and count. */
export function binSetSignature(set: BinSet): string {
  return set.kind === 'fixed'
    ? `fixed ${set.options.join(' | ')}`
    : `sliding ${set.count} x ${set.width} ${set.unit}`;
}

/** Two bin sets of one slot merged: the offsets seen by either, ascending. */
export function mergeBinSets(a: BinSet, b: BinSet): BinSet {
  if (a.kind === 'fixed' || b.kind === 'fixed') return a;
  const offsets = [...new Set([...a.offsets, ...b.offsets])].sort((x, y) => x - y);
  return { ...a, offsets };
}

/** The option texts of a sliding set whose first bin starts at `offset`. */
export function slidingOptions(
  set: Extract<BinSet, { kind: 'sliding' }>,
  offset: number,
): string[] {
  return Array.from({ length: set.count }, (_, i) =>
    formatMeasurementRange({
      lo: offset + i * set.width,
      hi: offset + (i + 1) * set.width,
      unit: set.unit,
    }),
  );
}

const gcd = (a: number, b: number): number => (b < 1e-6 ? a : gcd(b, a % b));

/**
 * The step between a sliding set's offsets: the largest that divides every difference between
 * the offsets seen (the bin width when only one was seen).
 */
export function slidingStep(set: Extract<BinSet, { kind: 'sliding' }>): number {
  const [first, ...rest] = set.offsets;
  if (first === undefined || rest.length === 0) return set.width;
  return rest.reduce((g, o) => gcd(g, Math.abs(o - first)), Math.abs(rest[0]! - first));
}

/** Why options do not fit a bin set; null when they do. */
export function binSetMisfit(
  set: BinSet,
  options: readonly MeasurementOption[],
  texts: readonly string[],
): string | null {
  if (set.kind === 'fixed') {
    return texts.join(' | ') === set.options.join(' | ')
      ? null
      : `options ${texts.join(', ')} are not the template's ${set.options.join(', ')}`;
  }
  const read = slidingOf(options);
  if (
    !read ||
    read.unit !== set.unit ||
    read.count !== set.count ||
    !sameEdge(read.width, set.width)
  )
    return `options ${texts.join(', ')} are not ${set.count} consecutive ${set.width} ${set.unit} bins`;
  const step = slidingStep(set);
  const offBy = (read.offset - set.offsets[0]!) / step;
  return sameEdge(offBy, Math.round(offBy))
    ? null
    : `the first bin starts at ${read.offset} ${set.unit}, off the ${step} ${set.unit} grid of the offsets seen (${set.offsets.join(', ')})`;
}
