/** What the generator puts in a record, beat by beat and overall: its ground truth. */
import type { SynthCondition } from './conditions';

/** Where a synthetic beat came from. */
export type SynthBeatOrigin = 'sinus' | 'atrial_fibrillation' | 'ventricular' | 'junctional_escape';

/** One true P wave, conducted to a QRS or not (AV blocks); seconds from the record's start. */
export interface SynthAtrialWave {
  readonly onsetS: number;
  readonly peakS: number;
  readonly offsetS: number;
  readonly conducted: boolean;
}

/** The true fiducials of one synthetic beat, in seconds from the record's start. */
export interface SynthBeatTruth {
  readonly qrsOnsetS: number;
  readonly qrsOffsetS: number;
  /** Peak of the main QRS component. */
  readonly rPeakS: number;
  readonly pOnsetS: number | null;
  readonly pPeakS: number | null;
  readonly pOffsetS: number | null;
  readonly tPeakS: number;
  readonly tOffsetS: number;
  readonly premature: boolean;
  readonly origin: SynthBeatOrigin;
}

/** What the generator put in the record: beats and the intervals and axes of conducted beats. */
export interface SynthTruth {
  readonly condition: SynthCondition;
  readonly beats: readonly SynthBeatTruth[];
  /** 60000 / mean RR over all beats. */
  readonly heartRateBpm: number;
  readonly meanRrMs: number;
  /** Null when the rhythm has no P waves. */
  readonly prMs: number | null;
  readonly qrsMs: number;
  readonly qtMs: number;
  /** Frontal direction of the net QRS area vector of conducted beats. */
  readonly qrsAxisDeg: number;
  readonly pAxisDeg: number | null;
  readonly tAxisDeg: number;
  /** 0-based indices into beats of the premature beats. */
  readonly prematureBeatIndices: readonly number[];
  /** Every P wave in the record, in time order (empty in atrial fibrillation). */
  readonly atrialWaves: readonly SynthAtrialWave[];
  /** 60000 / the P-to-P interval of the sinus rhythm; null without P waves. */
  readonly atrialRateBpm: number | null;
}
