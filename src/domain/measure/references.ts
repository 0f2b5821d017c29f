/**
 * Benchmark references to beats. A beat-range option "[Nth QRS wave - Mth QRS wave]" counts
 * detected beats from an anchor (the beat the question calls the 1st, default the first detected
 * beat) and means the time from the QRS onset of the Nth beat to the QRS offset of the Mth: both
 * complexes and the RR interval between them. A time window "holds" the QRS it overlaps most,
 * provided the overlap covers at least half of that QRS or half of the window.
 */
import type { MeasuredBeat } from './types';

/** The QRS a time window holds: beat index, overlap in seconds. */
export interface HeldQrs {
  readonly beatIndex: number;
  readonly overlapS: number;
}

/** Which detected QRS a window [startS, endS] holds; null when none does. */
export function qrsInWindow(
  beats: readonly MeasuredBeat[],
  startS: number,
  endS: number,
): HeldQrs | null {
  let best: HeldQrs | null = null;
  for (const b of beats) {
    const overlapS = Math.min(endS, b.qrsOffsetS) - Math.max(startS, b.qrsOnsetS);
    if (overlapS <= 0) continue;
    const enough =
      overlapS >= 0.5 * (b.qrsOffsetS - b.qrsOnsetS) || overlapS >= 0.5 * (endS - startS);
    if (enough && (!best || overlapS > best.overlapS)) best = { beatIndex: b.index, overlapS };
  }
  return best;
}

/** A beat range resolved to detected beats. */
export interface ResolvedBeatRange {
  readonly fromBeatIndex: number;
  readonly toBeatIndex: number;
  /** QRS onset of the first beat of the range. */
  readonly startS: number;
  /** QRS offset of the last beat of the range. */
  readonly endS: number;
  /** R peak to R peak, first to last beat of the range. */
  readonly rrMs: number;
}

/** Why a beat range could not be resolved. */
export interface UnresolvedBeatRange {
  readonly error: string;
}

/**
 * Resolves 1-based ordinals fromBeat..toBeat counted from anchorBeatIndex (0-based index of the
 * beat called "1st"); an error when the ordinals are not ascending or run past the detected beats.
 */
export function resolveBeatRange(
  beats: readonly MeasuredBeat[],
  fromBeat: number,
  toBeat: number,
  anchorBeatIndex = 0,
): ResolvedBeatRange | UnresolvedBeatRange {
  if (!(fromBeat >= 1 && toBeat >= fromBeat)) {
    return { error: `beat range ${fromBeat}..${toBeat}: ordinals must be >= 1 and ascending` };
  }
  const first = beats[anchorBeatIndex + fromBeat - 1];
  const last = beats[anchorBeatIndex + toBeat - 1];
  if (!first || !last) {
    return {
      error: `beat range ${fromBeat}..${toBeat} from beat ${anchorBeatIndex + 1}: only ${beats.length} beats detected`,
    };
  }
  return {
    fromBeatIndex: first.index,
    toBeatIndex: last.index,
    startS: first.qrsOnsetS,
    endS: last.qrsOffsetS,
    rrMs: Math.round((last.rPeakS - first.rPeakS) * 10000) / 10,
  };
}

const anchorPattern =
  /'1st QRS wave' refers to the QRS wave located at \[(-?\d+(?:\.\d+)?)s - (-?\d+(?:\.\d+)?)s\]/;

/** The window a question names as the "1st QRS wave", e.g. "... located at [0.38s - 0.49s] ..."; null when absent. */
export function anchorWindowOfQuestion(question: string): { startS: number; endS: number } | null {
  const m = anchorPattern.exec(question);
  return m ? { startS: Number(m[1]), endS: Number(m[2]) } : null;
}
