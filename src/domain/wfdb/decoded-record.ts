/** The shapes a decoded WFDB record comes in: signals with their ADC samples and verdicts. */
import type { WfdbHeader, WfdbSignalSpec } from './header';
import type { EcgRecord, EcgSignal } from './record';

/** How one signal's samples compare with its header's checksum and initial value. */
export interface SignalVerification {
  /** True/false when the header gives a checksum; null when it gives none. */
  readonly checksumOk: boolean | null;
  /** Sum of the signal's ADC samples mod 2^16 (0..65535). */
  readonly checksumComputed: number;
  /** True/false when the header gives an initial value; null when it gives none (or format 8). */
  readonly initialValueOk: boolean | null;
  /** The first ADC sample, undefined for an empty or null signal. */
  readonly firstAdc: number | undefined;
}

/** One decoded signal: millivolts at the frame rate plus the raw ADC samples and the verdicts. */
export interface DecodedSignal extends EcgSignal {
  readonly spec: WfdbSignalSpec;
  /** Raw ADC samples (nSamples x samplesPerFrame of them). */
  readonly adc: Int32Array;
  readonly verification: SignalVerification;
}

/** A decoded WFDB record: the EcgRecord everybody uses, plus its header and per-signal verdicts. */
export interface DecodedRecord extends EcgRecord {
  readonly header: WfdbHeader;
  readonly signals: readonly DecodedSignal[];
  /** True when every checksum and initial value the header gives matches the samples. */
  readonly verified: boolean;
}

/** Options for decodeWfdbRecord. */
export interface DecodeOptions {
  /** Throw WfdbError on a checksum or initial-value mismatch (default true); false only reports. */
  readonly verify?: boolean;
}
