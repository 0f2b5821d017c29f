/** Beats for the plot's beat markers: detection behind one function, R peaks in seconds. */
import { measureRecord } from '../domain/measure/measure-record';
import type { Measurements } from '../domain/measure/types';
import type { EcgRecord } from '../domain/wfdb/record';

/** R-peak times in seconds from the measurement engine's beats. */
export function beatTimesFromMeasurements(m: Measurements): number[] {
  return m.beats.map((b) => b.rPeakS);
}

/** R-peak times in seconds from the record's start (the one place the detector is chosen). */
export function detectBeatTimesS(record: EcgRecord): number[] {
  return beatTimesFromMeasurements(measureRecord(record));
}
