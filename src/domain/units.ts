/** Branded numbers so a millisecond is never passed where a sample index is expected. */
declare const brand: unique symbol;
type Branded<T, B extends string> = T & { readonly [brand]: B };

/** A duration or instant in milliseconds. */
export type Milliseconds = Branded<number, 'ms'>;
/** A duration or instant in seconds. */
export type Seconds = Branded<number, 's'>;
/** An amplitude in millivolts. */
export type Millivolts = Branded<number, 'mV'>;
/** A sampling frequency in hertz. */
export type Hertz = Branded<number, 'Hz'>;
/** A zero-based index into a signal's samples. */
export type SampleIndex = Branded<number, 'sample'>;
/** An angle in degrees. */
export type Degrees = Branded<number, 'deg'>;

/** Brands a plain number as milliseconds. */
export const ms = (value: number): Milliseconds => value as Milliseconds;
/** Brands a plain number as seconds. */
export const sec = (value: number): Seconds => value as Seconds;
/** Brands a plain number as millivolts. */
export const mv = (value: number): Millivolts => value as Millivolts;
/** Brands a plain number as hertz. */
export const hz = (value: number): Hertz => value as Hertz;
/** Brands a plain number as a sample index. */
export const sampleIndex = (value: number): SampleIndex => value as SampleIndex;
/** Brands a plain number as degrees. */
export const deg = (value: number): Degrees => value as Degrees;

/** Sample index -> seconds from the record's start. */
export const indexToSeconds = (index: SampleIndex, fsHz: Hertz): Seconds => sec(index / fsHz);
/** Seconds from the record's start -> nearest sample index. */
export const secondsToIndex = (t: Seconds, fsHz: Hertz): SampleIndex =>
  sampleIndex(Math.round(t * fsHz));
/** Seconds -> milliseconds. */
export const secondsToMs = (t: Seconds): Milliseconds => ms(t * 1000);
/** Milliseconds -> seconds. */
export const msToSeconds = (t: Milliseconds): Seconds => sec(t / 1000);
/** Heart rate in beats per minute implied by one RR interval. */
export const rrMsToBpm = (rr: Milliseconds): number => 60_000 / rr;
