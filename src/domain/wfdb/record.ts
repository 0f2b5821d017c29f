import type { Hertz } from '../units';

/** One decoded signal in physical units. */
export interface EcgSignal {
  /** Lead name after normalisation (aVR, V1, ...; non-standard names kept as written). */
  readonly name: string;
  /** Samples in millivolts; NaN where the record marks a sample invalid. */
  readonly mv: Float32Array;
}

/** A decoded multi-lead record: every signal has nSamples samples at fsHz. */
export interface EcgRecord {
  readonly recordName: string;
  readonly fsHz: Hertz;
  readonly nSamples: number;
  readonly signals: readonly EcgSignal[];
}
