/** Pure caliper readings: an interval in ms and the rate it implies, or an amplitude in mV. */

/** What a caliper measures: time between two points, or amplitude between two levels. */
export type CaliperKind = 'time' | 'amplitude';

/** A caliper kept on the plot, anchored in record time and millivolts (not pixels). */
export interface Caliper {
  readonly id: string;
  readonly kind: CaliperKind;
  readonly cellId: string;
  readonly lead: string;
  readonly t1S: number;
  readonly t2S: number;
  readonly mv1: number;
  readonly mv2: number;
}

/** A caliper's reading: interval (ms) and implied rate (bpm) for time, amplitude (mV) for amplitude. */
export interface CaliperReading {
  readonly intervalMs: number;
  readonly bpm: number | null;
  readonly amplitudeMv: number;
  readonly text: string;
}

/** Reads a caliper: |t2 - t1| in ms with 60000/ms bpm, and |mv2 - mv1| in mV. */
export function readCaliper(c: Caliper): CaliperReading {
  const intervalMs = Math.abs(c.t2S - c.t1S) * 1000;
  const amplitudeMv = Math.abs(c.mv2 - c.mv1);
  const bpm = intervalMs > 0 ? 60_000 / intervalMs : null;
  const text =
    c.kind === 'time'
      ? `${Math.round(intervalMs)} ms${bpm !== null ? ` · ${Math.round(bpm)} bpm` : ''}`
      : `${amplitudeMv.toFixed(2)} mV`;
  return { intervalMs, bpm, amplitudeMv, text };
}
