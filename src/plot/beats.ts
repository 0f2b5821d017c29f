/** Beats for the plot: detection behind one function, and "Nth QRS wave" ranges in seconds. */
import { measureRecord } from '../domain/measure/measure-record';
import type { Measurements } from '../domain/measure/types';
import type { EcgRecord } from '../domain/wfdb/record';

/** Seconds before the R peak where a QRS band starts, and after it where it ends. */
export const QRS_HALF_WIDTH_S = 0.06;

/** R-peak times in seconds from the measurement engine's beats. */
export function beatTimesFromMeasurements(m: Measurements): number[] {
  return m.beats.map((b) => b.rPeakS);
}

/** R-peak times in seconds from the record's start (the one place the detector is chosen). */
export function detectBeatTimesS(record: EcgRecord): number[] {
  return beatTimesFromMeasurements(measureRecord(record));
}

/** A beat range resolved to seconds, or why it could not be. */
export type ResolvedBeatRange =
  | {
      readonly ok: true;
      readonly startS: number;
      readonly endS: number;
      readonly fromBeatS: number;
      readonly toBeatS: number;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * Resolves "[Nth QRS wave - Mth QRS wave]" (1-based beats) to a time band from just before the
 * Nth R peak to just after the Mth. `firstBeatWindowS`, when the question names where the 1st
 * QRS wave is, picks the detected beat inside it as beat 1 (the detector may see an earlier one).
 */
export function resolveBeatRange(
  beatTimesS: readonly number[],
  fromBeat: number,
  toBeat: number,
  firstBeatWindowS?: { startS: number; endS: number },
): ResolvedBeatRange {
  let offset = 0;
  if (firstBeatWindowS) {
    const found = beatTimesS.findIndex(
      (t) =>
        t >= firstBeatWindowS.startS - QRS_HALF_WIDTH_S &&
        t <= firstBeatWindowS.endS + QRS_HALF_WIDTH_S,
    );
    if (found < 0) {
      return {
        ok: false,
        reason: `no detected beat inside the 1st QRS window [${firstBeatWindowS.startS}s - ${firstBeatWindowS.endS}s]`,
      };
    }
    offset = found;
  }
  const from = beatTimesS[offset + fromBeat - 1];
  const to = beatTimesS[offset + toBeat - 1];
  if (from === undefined || to === undefined) {
    return {
      ok: false,
      reason: `beats ${fromBeat}-${toBeat} asked for, ${beatTimesS.length - offset} detected`,
    };
  }
  return {
    ok: true,
    fromBeatS: from,
    toBeatS: to,
    startS: Math.max(0, from - QRS_HALF_WIDTH_S),
    endS: to + QRS_HALF_WIDTH_S,
  };
}

/** Parses the "'1st QRS wave' refers to the QRS wave located at [a s - b s]" hint of a question. */
export function firstBeatWindowFromQuestion(
  question: string,
): { startS: number; endS: number } | undefined {
  const m =
    /1st QRS wave'? refers to the QRS wave located at \[(\d+(?:\.\d+)?)s - (\d+(?:\.\d+)?)s\]/i.exec(
      question,
    );
  if (!m) return undefined;
  return { startS: Number(m[1]), endS: Number(m[2]) };
}
