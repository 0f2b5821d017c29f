import type { StandardLead } from '../leads';
import { isStandardLead } from '../leads';

/** A time window in seconds from the record's start, as in "[8.84s - 8.95s]". */
export interface TimeWindowOption {
  readonly kind: 'window';
  readonly startS: number;
  readonly endS: number;
}

/** A range of detected beats, 1-based and inclusive, as in "[4th QRS wave - 5th QRS wave]". */
export interface BeatRangeOption {
  readonly kind: 'beats';
  readonly fromBeat: number;
  readonly toBeat: number;
  /** False when an ordinal suffix is misspelled ("21th"); the real benchmark has a few. */
  readonly ordinalsWellSpelled: boolean;
}

/** Units that measurement_grounding ranges are written in. */
export const MEASUREMENT_UNITS = ['ms', 'mV', 'bpm', 'degrees'] as const;
/** One of the units a measurement range is written in. */
export type MeasurementUnit = (typeof MEASUREMENT_UNITS)[number];

/**
 * A measurement range: "[100ms - 110ms]" (lo..hi), "Below 100ms" (lo null), "Above 130ms"
 * (hi null). Ranges are half-open [lo, hi) so neighbouring options never both hold a value.
 */
export interface MeasurementRangeOption {
  readonly kind: 'range';
  readonly lo: number | null;
  readonly hi: number | null;
  readonly unit: MeasurementUnit;
}

/** A lead option, "Lead aVR". */
export interface LeadOption {
  readonly kind: 'lead';
  readonly lead: StandardLead;
}

const NUMBER = String.raw`-?\d+(?:\.\d+)?`;
const UNIT = String.raw`(ms|mV|bpm|degrees)`;
const windowPattern = new RegExp(String.raw`^\[(${NUMBER})s - (${NUMBER})s\]$`);
const beatsPattern = /^\[(\d+)(st|nd|rd|th) QRS wave - (\d+)(st|nd|rd|th) QRS wave\]$/;
const rangePattern = new RegExp(String.raw`^\[(${NUMBER}) ?${UNIT} - (${NUMBER}) ?${UNIT}\]$`);
const boundPattern = new RegExp(String.raw`^(Below|Above) (${NUMBER}) ?${UNIT}$`);
const leadPattern = /^Lead (\S+)$/;

/** The English ordinal suffix of a positive integer: 1st, 2nd, 3rd, 4th, 11th, 21st. */
export function ordinalSuffix(n: number): 'st' | 'nd' | 'rd' | 'th' {
  const lastTwo = n % 100;
  if (lastTwo >= 11 && lastTwo <= 13) return 'th';
  switch (n % 10) {
    case 1:
      return 'st';
    case 2:
      return 'nd';
    case 3:
      return 'rd';
    default:
      return 'th';
  }
}

/** Parses "[8.84s - 8.95s]"; null when the text is not a time window. */
export function parseTimeWindow(text: string): TimeWindowOption | null {
  const m = windowPattern.exec(text);
  if (!m) return null;
  return { kind: 'window', startS: Number(m[1]), endS: Number(m[2]) };
}

/** Parses "[4th QRS wave - 5th QRS wave]" (any ordinal suffix); null when not a beat range. */
export function parseBeatRange(text: string): BeatRangeOption | null {
  const m = beatsPattern.exec(text);
  if (!m) return null;
  const fromBeat = Number(m[1]);
  const toBeat = Number(m[3]);
  const ordinalsWellSpelled = ordinalSuffix(fromBeat) === m[2] && ordinalSuffix(toBeat) === m[4];
  return { kind: 'beats', fromBeat, toBeat, ordinalsWellSpelled };
}

/** Parses "[100ms - 110ms]", "Below 100ms", "Above 0.5mV", "[-30 degrees - 0 degrees]". */
export function parseMeasurementRange(text: string): MeasurementRangeOption | null {
  const closed = rangePattern.exec(text);
  if (closed) {
    if (closed[2] !== closed[4]) return null;
    return {
      kind: 'range',
      lo: Number(closed[1]),
      hi: Number(closed[3]),
      unit: closed[2] as MeasurementUnit,
    };
  }
  const bound = boundPattern.exec(text);
  if (!bound) return null;
  const value = Number(bound[2]);
  const unit = bound[3] as MeasurementUnit;
  return bound[1] === 'Below'
    ? { kind: 'range', lo: null, hi: value, unit }
    : { kind: 'range', lo: value, hi: null, unit };
}

/** Parses "Lead aVR"; null when the lead is not one of the twelve standard names. */
export function parseLeadOption(text: string): LeadOption | null {
  const m = leadPattern.exec(text);
  if (!m || !isStandardLead(m[1]!)) return null;
  return { kind: 'lead', lead: m[1] };
}

/** True when value lies in the half-open range [lo, hi). */
export function rangeContains(range: MeasurementRangeOption, value: number): boolean {
  return (range.lo === null || value >= range.lo) && (range.hi === null || value < range.hi);
}

/** Formats a number as the benchmark writes it: mV with at least one decimal, others as is. */
function formatNumber(value: number, unit: MeasurementUnit): string {
  const rounded = Math.round(value * 100) / 100;
  return unit === 'mV' && Number.isInteger(rounded * 10) ? rounded.toFixed(1) : String(rounded);
}

/** Writes a time window option, "[8.84s - 8.95s]" (seconds rounded to 0.01 s). */
export function formatTimeWindow(startS: number, endS: number): string {
  return `[${startS.toFixed(2)}s - ${endS.toFixed(2)}s]`;
}

/** Writes a beat range option, "[4th QRS wave - 5th QRS wave]". */
export function formatBeatRange(fromBeat: number, toBeat: number): string {
  return `[${fromBeat}${ordinalSuffix(fromBeat)} QRS wave - ${toBeat}${ordinalSuffix(toBeat)} QRS wave]`;
}

/** Writes a measurement range option in the benchmark's spelling (space before bpm and degrees). */
export function formatMeasurementRange(range: Omit<MeasurementRangeOption, 'kind'>): string {
  const sep = range.unit === 'bpm' || range.unit === 'degrees' ? ' ' : '';
  const q = (value: number) => `${formatNumber(value, range.unit)}${sep}${range.unit}`;
  if (range.lo === null && range.hi !== null) return `Below ${q(range.hi)}`;
  if (range.hi === null && range.lo !== null) return `Above ${q(range.lo)}`;
  if (range.lo === null || range.hi === null) throw new Error('A range needs at least one bound');
  return `[${q(range.lo)} - ${q(range.hi)}]`;
}
