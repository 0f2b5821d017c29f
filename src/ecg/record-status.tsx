/** The status line's words about the open record: leads, rate, length, checksums, beats found. */
import type { DecodedRecord } from '../domain/wfdb/decode';

/** Status items for a record (loading, error, not available, or what it holds). */
export function RecordStatus({
  record,
  error,
  recordAvailable,
  beatTimesS,
}: {
  record: DecodedRecord | undefined;
  error: unknown;
  recordAvailable: boolean;
  beatTimesS: readonly number[] | null;
}) {
  return (
    <>
      <span>
        {record
          ? `Record ${record.recordName}: ${record.signals.length} leads, ${record.fsHz} Hz, ${(record.nSamples / record.fsHz).toFixed(1)} s${record.verified ? ', checksums verified' : ', checksums NOT verified'}`
          : error
            ? 'Record: error'
            : recordAvailable
              ? 'Record: loading'
              : 'Record: not available'}
      </span>
      {beatTimesS && <span>{beatTimesS.length} beats detected</span>}
    </>
  );
}
