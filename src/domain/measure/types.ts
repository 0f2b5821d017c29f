/** What the measurement engine returns: plain JSON (no typed arrays), every value with its unit and source. */

import type { AtrialActivity } from './atrial-activity';

/** Units a measured value can carry. */
export type MeasureUnit = 'ms' | 'mV' | 'bpm' | 'deg' | 's';

/** Where a value came from: which beats (0-based indices into `beats`), which leads, how. */
export interface MeasureSource {
  readonly beats: readonly number[];
  readonly leads: readonly string[];
  /** Short description of the method, e.g. "median beat, multi-lead slope". */
  readonly method: string;
}

/** A measured number, or null with the reason why it could not be measured. */
export interface Measured {
  readonly value: number | null;
  readonly unit: MeasureUnit;
  readonly from: MeasureSource;
  /** Why value is null (or a caveat when it is not). */
  readonly note?: string;
}

/** Where a premature beat most likely started. */
export type BeatOrigin = 'supraventricular' | 'ventricular';

/** R and S of one lead in one beat, relative to that beat's PR-segment baseline (S as a depth, >= 0). */
export interface BeatLeadAmplitudes {
  readonly rMv: number;
  readonly sMv: number;
}

/** One detected beat; times in seconds from the record's start, null where a wave was not found. */
export interface MeasuredBeat {
  readonly index: number;
  readonly rPeakS: number;
  readonly qrsOnsetS: number;
  readonly qrsOffsetS: number;
  readonly qrsMs: number;
  readonly pOnsetS: number | null;
  readonly pPeakS: number | null;
  readonly pOffsetS: number | null;
  /** QRS onset minus P onset of this beat. */
  readonly prMs: number | null;
  readonly tOnsetS: number | null;
  readonly tPeakS: number | null;
  readonly tOffsetS: number | null;
  /** R peak minus the previous beat's R peak; null for the first beat. */
  readonly rrBeforeMs: number | null;
  /** rrBeforeMs / the reference RR (median of up to 8 earlier, not early RRs); null for the first beat. */
  readonly prematurity: number | null;
  /** Correlation of this beat's QRS with the median beat's, over all leads (-1..1). */
  readonly morphologyCorrelation: number;
  readonly premature: boolean;
  /** Set when premature. */
  readonly origin: BeatOrigin | null;
  /** Frontal QRS axis of this beat from its QRS areas in I and aVF; null without both leads. */
  readonly qrsAxisDeg: number | null;
  /** Per lead name. */
  readonly leads: Readonly<Record<string, BeatLeadAmplitudes>>;
  /** The first P wave after this beat's QRS that no QRS follows, before the next beat (atrial-activity.ts). */
  readonly nonConductedP: {
    readonly onsetS: number;
    readonly peakS: number;
    readonly offsetS: number;
  } | null;
}

/** Per-lead measurements on the median beat (amplitudes in mV relative to the PR baseline). */
export interface LeadMeasurements {
  readonly lead: string;
  /** Beats that built the median beat this lead was measured on. */
  readonly fromBeats: readonly number[];
  /** Highest positive deflection in the QRS (>= 0). */
  readonly rMv: number | null;
  /** Depth of the lowest point of the QRS (the S of an rS or rSR', all of a QS), >= 0. */
  readonly sMv: number | null;
  /** Duration of the initial negative deflection (0 when the QRS starts upwards). */
  readonly qMs: number | null;
  /** Depth of that initial negative deflection, >= 0. */
  readonly qMv: number | null;
  /** Level at the J point (QRS offset). */
  readonly stJMv: number | null;
  /** Level 60 ms after the J point. */
  readonly stJ60Mv: number | null;
  /** Largest deviation in the T wave, signed. */
  readonly tMv: number | null;
  readonly notes: readonly string[];
}

/** The median beat of each lead, sampled at fsHz, sample 0 at offsetMs relative to the aligned R peaks. */
export interface MedianBeat {
  readonly fsHz: number;
  /** Time of sample 0 relative to the R peak (negative). */
  readonly startMs: number;
  readonly leads: Readonly<Record<string, readonly number[]>>;
  /** Fiducials relative to the R peak, in ms; null where a wave was not found. */
  readonly qrsOnsetMs: number;
  readonly qrsOffsetMs: number;
  readonly pOnsetMs: number | null;
  readonly pPeakMs: number | null;
  readonly pOffsetMs: number | null;
  readonly tPeakMs: number | null;
  readonly tOffsetMs: number | null;
}

/** Global measurements of a record. */
export interface GlobalMeasurements {
  readonly heartRate: Measured;
  readonly rrMean: Measured;
  readonly rrMin: Measured;
  readonly rrMax: Measured;
  readonly rrSd: Measured;
  readonly pr: Measured;
  readonly qrs: Measured;
  readonly qt: Measured;
  readonly qtcBazett: Measured;
  readonly qtcFridericia: Measured;
  readonly qrsAxis: Measured;
  readonly pAxis: Measured;
  readonly tAxis: Measured;
}

/** Everything measured on one record. */
export interface Measurements {
  readonly recordName: string;
  readonly fsHz: number;
  readonly durationS: number;
  /** Leads the engine used (standard names first, signals that were all NaN left out). */
  readonly leadsUsed: readonly string[];
  readonly beats: readonly MeasuredBeat[];
  /** Indices of the beats the median beat was built from. */
  readonly dominantBeats: readonly number[];
  readonly medianBeat: MedianBeat | null;
  readonly global: GlobalMeasurements;
  readonly leads: Readonly<Record<string, LeadMeasurements>>;
  /** Every P wave, conducted or not, and the atrial rate. */
  readonly atrial: AtrialActivity;
  readonly notes: readonly string[];
}
