/** One ECG for a screen: its decoded record, the measurement engine's results and the beats. */
import { useMemo } from 'react';
import { beatTimesFromMeasurements } from '../plot/beats';
import { useEcgRecord } from './api/get-ecg-record';
import { useRecordMeasurements } from './use-record-measurements';

/** Where an ECG is: its source and id, and whether the server has its record. */
export interface EcgRef {
  readonly source: string;
  readonly ecgId: string;
  readonly recordAvailable: boolean;
}

/**
 * The record (query), its measurements (null until the worker answers) and R-peak times in
 * seconds (null until then); nothing is fetched while `ecg` is unknown or has no record.
 */
export function useEcg(ecg: EcgRef | undefined) {
  const source = ecg?.recordAvailable ? ecg.source : undefined;
  const ecgId = ecg?.recordAvailable ? ecg.ecgId : undefined;
  const recordQuery = useEcgRecord(source, ecgId);
  const measurements = useRecordMeasurements(recordQuery.data, source, ecgId).data ?? null;
  const beatTimesS = useMemo(
    () => (measurements ? beatTimesFromMeasurements(measurements) : null),
    [measurements],
  );
  return { recordQuery, record: recordQuery.data, measurements, beatTimesS };
}
