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

// Hand-written scanners for the option texts: the validator reads ~30k options per file, and a
// regex exec plus capture strings per option was the larger part of checking a sample. Each
// accepts exactly the language of the pattern beside it (options.test.ts fuzzes them against it):
//   NUMBER  -?\d+(?:\.\d+)?       UNIT  ms|mV|bpm|degrees
//   window  ^\[NUMBER s - NUMBER s\]$
//   beats   ^\[(\d+)(st|nd|rd|th) QRS wave - (\d+)(st|nd|rd|th) QRS wave\]$
//   range   ^\[NUMBER ?UNIT - NUMBER ?UNIT\]$ (both units equal)
//   bound   ^(Below|Above) NUMBER ?UNIT$
//   lead    ^Lead (\S+)$ (and a standard lead name)

const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const MINUS = 0x2d;
const DOT = 0x2e;
const SPACE = 0x20;
const OPEN = 0x5b;
const CLOSE = 0x5d;
// Up to 15 significant digits a decimal is exactly an integer over a power of ten, and one IEEE
// division of the two is the correctly rounded value Number() gives.
const EXACT_DIGITS = 15;
const POWERS_OF_TEN = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
];

// Where a scan stopped and what it read; one shared cursor, so a scan allocates nothing (the
// value lives in a typed array: a double stored in a module variable is boxed on each store).
let scanEnd = 0;
const scanned = new Float64Array(1);

/** Scans NUMBER at i: sets scanEnd and scanned[0] and returns true, or false when none is there. */
function scanNumber(text: string, i: number): boolean {
  const start = i;
  const negative = text.charCodeAt(i) === MINUS;
  if (negative) i++;
  let mantissa = 0;
  let digits = 0;
  let code = text.charCodeAt(i);
  while (code >= DIGIT_0 && code <= DIGIT_9) {
    mantissa = mantissa * 10 + (code - DIGIT_0);
    digits++;
    code = text.charCodeAt(++i);
  }
  if (digits === 0) return false;
  let decimals = 0;
  if (code === DOT) {
    code = text.charCodeAt(++i);
    while (code >= DIGIT_0 && code <= DIGIT_9) {
      mantissa = mantissa * 10 + (code - DIGIT_0);
      decimals++;
      code = text.charCodeAt(++i);
    }
    if (decimals === 0) return false;
  }
  scanEnd = i;
  if (digits + decimals <= EXACT_DIGITS) {
    const magnitude = mantissa / POWERS_OF_TEN[decimals]!;
    scanned[0] = negative ? -magnitude : magnitude;
  } else {
    scanned[0] = Number(text.slice(start, i));
  }
  return true;
}

/** Scans \d+ at i into scanEnd and scanned[0] (the value as Number() reads the digits). */
function scanDigits(text: string, i: number): boolean {
  const start = i;
  let value = 0;
  let code = text.charCodeAt(i);
  while (code >= DIGIT_0 && code <= DIGIT_9) {
    value = value * 10 + (code - DIGIT_0);
    code = text.charCodeAt(++i);
  }
  if (i === start) return false;
  scanEnd = i;
  scanned[0] = i - start <= EXACT_DIGITS ? value : Number(text.slice(start, i));
  return true;
}

/** Scans an ordinal suffix at i: the suffix (scanEnd set past it), or null. */
function scanSuffix(text: string, i: number): 'st' | 'nd' | 'rd' | 'th' | null {
  const a = text.charCodeAt(i);
  const b = text.charCodeAt(i + 1);
  scanEnd = i + 2;
  if (a === 0x73 && b === 0x74) return 'st';
  if (a === 0x6e && b === 0x64) return 'nd';
  if (a === 0x72 && b === 0x64) return 'rd';
  if (a === 0x74 && b === 0x68) return 'th';
  return null;
}

/** Scans " ?UNIT" at i: the unit (scanEnd set past it), or null. */
function scanUnit(text: string, i: number): MeasurementUnit | null {
  if (text.charCodeAt(i) === SPACE) i++;
  const first = text.charCodeAt(i);
  if (first === 0x6d) {
    const second = text.charCodeAt(i + 1);
    scanEnd = i + 2;
    if (second === 0x73) return 'ms';
    if (second === 0x56) return 'mV';
    return null;
  }
  if (first === 0x62 && text.startsWith('bpm', i)) {
    scanEnd = i + 3;
    return 'bpm';
  }
  if (first === 0x64 && text.startsWith('degrees', i)) {
    scanEnd = i + 7;
    return 'degrees';
  }
  return null;
}

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
  if (text.charCodeAt(0) !== OPEN || !scanNumber(text, 1)) return null;
  const startS = scanned[0]!;
  const i = scanEnd;
  if (
    text.charCodeAt(i) !== 0x73 ||
    text.charCodeAt(i + 1) !== SPACE ||
    text.charCodeAt(i + 2) !== MINUS ||
    text.charCodeAt(i + 3) !== SPACE ||
    !scanNumber(text, i + 4)
  ) {
    return null;
  }
  const endS = scanned[0]!;
  const j = scanEnd;
  if (j + 2 !== text.length || text.charCodeAt(j) !== 0x73 || text.charCodeAt(j + 1) !== CLOSE) {
    return null;
  }
  return { kind: 'window', startS, endS };
}

/** Parses "[4th QRS wave - 5th QRS wave]" (any ordinal suffix); null when not a beat range. */
export function parseBeatRange(text: string): BeatRangeOption | null {
  if (text.charCodeAt(0) !== OPEN || !scanDigits(text, 1)) return null;
  const fromBeat = scanned[0]!;
  const fromSuffix = scanSuffix(text, scanEnd);
  if (fromSuffix === null || !text.startsWith(' QRS wave - ', scanEnd)) return null;
  if (!scanDigits(text, scanEnd + 12)) return null;
  const toBeat = scanned[0]!;
  const toSuffix = scanSuffix(text, scanEnd);
  const rest = scanEnd;
  if (toSuffix === null || rest + 10 !== text.length || !text.startsWith(' QRS wave]', rest)) {
    return null;
  }
  const ordinalsWellSpelled =
    ordinalSuffix(fromBeat) === fromSuffix && ordinalSuffix(toBeat) === toSuffix;
  return { kind: 'beats', fromBeat, toBeat, ordinalsWellSpelled };
}

/** Parses "[100ms - 110ms]", "Below 100ms", "Above 0.5mV", "[-30 degrees - 0 degrees]". */
export function parseMeasurementRange(text: string): MeasurementRangeOption | null {
  if (text.charCodeAt(0) === OPEN) {
    if (!scanNumber(text, 1)) return null;
    const lo = scanned[0]!;
    const unit = scanUnit(text, scanEnd);
    if (unit === null || !text.startsWith(' - ', scanEnd) || !scanNumber(text, scanEnd + 3)) {
      return null;
    }
    const hi = scanned[0]!;
    const hiUnit = scanUnit(text, scanEnd);
    if (hiUnit !== unit || scanEnd + 1 !== text.length || text.charCodeAt(scanEnd) !== CLOSE) {
      return null;
    }
    return { kind: 'range', lo, hi, unit };
  }
  const below = text.startsWith('Below ');
  if ((!below && !text.startsWith('Above ')) || !scanNumber(text, 6)) return null;
  const value = scanned[0]!;
  const unit = scanUnit(text, scanEnd);
  if (unit === null || scanEnd !== text.length) return null;
  return below
    ? { kind: 'range', lo: null, hi: value, unit }
    : { kind: 'range', lo: value, hi: null, unit };
}

/** Parses "Lead aVR"; null when the lead is not one of the twelve standard names. */
export function parseLeadOption(text: string): LeadOption | null {
  if (!text.startsWith('Lead ')) return null;
  // A standard lead name has no white space, so this is the pattern's \S+ as well.
  const lead = text.slice(5);
  return isStandardLead(lead) ? { kind: 'lead', lead } : null;
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
