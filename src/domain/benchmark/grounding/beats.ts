/**
 * Grounding windows against detected beats: which QRS a window holds, whether an answer window
 * holds the wave its question names, and "Nth QRS wave" ranges resolved to seconds.
 *
 * One definition of a QRS wave's window, used for beat ranges, anchors and curators' options:
 * QRS onset to QRS offset. The benchmark's own windows say so: the "1st QRS wave" windows its
 * 2AVB questions pin are 0.08 to 0.17 s wide across the 53 of ptbxl.jsonl (a fixed band around the
 * R peak would give one width), and where the engine measures those records the pinned windows
 * sit on its QRS onset and offset (ecg 271: [0.14s - 0.27s] vs QRS 0.156-0.256 s; ecg 386:
 * [0.36s - 0.46s] vs 0.374-0.454 s). So "[4th QRS wave - 5th QRS wave]" runs from the 4th QRS's
 * onset to the 5th's offset: both complexes and the RR interval between them.
 */
import type { MeasuredBeat, Measurements } from '../../measure/types';
import type { BeatRangeOption } from '../options';
import type { WaveKind } from './question-text';
import type { ReadWaveGrounding } from './read';
import type { SecondsWindow } from './types';

/** The QRS a window holds: its beat index and how many seconds of it the window covers. */
export interface HeldQrs {
  readonly beatIndex: number;
  readonly overlapS: number;
}

/**
 * Which detected QRS a window holds: the one it overlaps most, provided the overlap covers at
 * least half of that QRS or half of the window; null when none does.
 */
export function qrsInWindow(beats: readonly MeasuredBeat[], window: SecondsWindow): HeldQrs | null {
  let best: HeldQrs | null = null;
  for (const b of beats) {
    const overlapS = Math.min(window.endS, b.qrsOffsetS) - Math.max(window.startS, b.qrsOnsetS);
    if (overlapS <= 0) continue;
    const enough =
      overlapS >= 0.5 * (b.qrsOffsetS - b.qrsOnsetS) ||
      overlapS >= 0.5 * (window.endS - window.startS);
    if (enough && (!best || overlapS > best.overlapS)) best = { beatIndex: b.index, overlapS };
  }
  return best;
}

/**
 * The window a beat's wave occupies, as an answer option of that kind would give it: QRS onset to
 * offset (also the premature beat's), P onset to offset, T onset to offset, QRS offset to T
 * offset for ST-T; null where the engine did not find the wave or does not delineate it
 * (non-conducted P, RR).
 */
export function waveWindowOfBeat(kind: WaveKind, beat: MeasuredBeat): SecondsWindow | null {
  switch (kind) {
    case 'qrs':
    case 'premature_beat':
      return { startS: beat.qrsOnsetS, endS: beat.qrsOffsetS };
    case 'p':
      return beat.pOnsetS !== null && beat.pOffsetS !== null
        ? { startS: beat.pOnsetS, endS: beat.pOffsetS }
        : null;
    case 't':
      return beat.tOnsetS !== null && beat.tOffsetS !== null
        ? { startS: beat.tOnsetS, endS: beat.tOffsetS }
        : null;
    case 'st_t':
      return beat.tOffsetS !== null ? { startS: beat.qrsOffsetS, endS: beat.tOffsetS } : null;
    case 'non_conducted_p':
      return beat.nonConductedP
        ? { startS: beat.nonConductedP.onsetS, endS: beat.nonConductedP.offsetS }
        : null;
    default:
      return null;
  }
}

/** A beat range resolved to detected beats, or why it could not be. */
export type ResolvedBeatRange =
  | {
      readonly ok: true;
      /** 0-based index of the beat the question calls the 1st QRS wave. */
      readonly anchorBeatIndex: number;
      readonly fromBeatIndex: number;
      readonly toBeatIndex: number;
      /** QRS onset of the first beat of the range to QRS offset of the last. */
      readonly window: SecondsWindow;
      /** R peak to R peak, first to last beat of the range. */
      readonly rrMs: number;
    }
  | { readonly ok: false; readonly reason: string };

const fmt = (w: SecondsWindow) => `[${w.startS}s - ${w.endS}s]`;

/**
 * Resolves "[Nth QRS wave - Mth QRS wave]" (1-based, inclusive) through detected beats. The beat
 * the question's pinned window holds is the 1st (the detector may see an earlier one); without a
 * pinned window the first detected beat is.
 */
export function resolveBeatRange(
  beats: readonly MeasuredBeat[],
  range: Pick<BeatRangeOption, 'fromBeat' | 'toBeat'>,
  anchor: SecondsWindow | null,
): ResolvedBeatRange {
  const { fromBeat, toBeat } = range;
  if (!(fromBeat >= 1 && toBeat >= fromBeat)) {
    return {
      ok: false,
      reason: `beat range ${fromBeat}..${toBeat}: ordinals must be >= 1 and ascending`,
    };
  }
  let anchorBeatIndex = 0;
  if (anchor) {
    const held = qrsInWindow(beats, anchor);
    if (!held)
      return { ok: false, reason: `no detected QRS in the 1st QRS wave's window ${fmt(anchor)}` };
    anchorBeatIndex = held.beatIndex;
  }
  const first = beats[anchorBeatIndex + fromBeat - 1];
  const last = beats[anchorBeatIndex + toBeat - 1];
  if (!first || !last) {
    return {
      ok: false,
      reason: `beats ${fromBeat}-${toBeat} counted from beat ${anchorBeatIndex + 1} asked for, ${beats.length} detected`,
    };
  }
  return {
    ok: true,
    anchorBeatIndex,
    fromBeatIndex: first.index,
    toBeatIndex: last.index,
    window: { startS: first.qrsOnsetS, endS: last.qrsOffsetS },
    rrMs: Math.round((last.rPeakS - first.rPeakS) * 10000) / 10,
  };
}

/** A wave option resolved to seconds (with its beats for a beat range), or why it could not be. */
export type OptionWindow =
  | {
      readonly ok: true;
      readonly window: SecondsWindow;
      /** Set for beat ranges. */
      readonly beats: Extract<ResolvedBeatRange, { ok: true }> | null;
    }
  | { readonly ok: false; readonly reason: string };

/**
 * Every option of a wave question in seconds, index-aligned: windows as written, beat ranges
 * through `beats` (null while beats are not detected yet).
 */
export function optionWindows(
  read: ReadWaveGrounding,
  beats: readonly MeasuredBeat[] | null,
): OptionWindow[] {
  return read.options.map((o): OptionWindow => {
    if (o.kind === 'window')
      return { ok: true, window: { startS: o.startS, endS: o.endS }, beats: null };
    if (o.kind === 'unreadable') return { ok: false, reason: o.reason };
    if (!beats) return { ok: false, reason: 'beat range waits for beat detection' };
    const r = resolveBeatRange(beats, o, read.anchor);
    return r.ok ? { ok: true, window: r.window, beats: r } : r;
  });
}

/** Whether a window holds the wave its question names, the beat that wave belongs to, and the evidence. */
export interface WaveInWindow {
  readonly held: boolean;
  readonly beatIndex: number | null;
  readonly detail: string;
}

// A window may reach this far past a neighbouring QRS edge and still count as before/after it.
const EDGE_TOLERANCE_S = 0.02;
// A P wave that conducts starts at most this long before its QRS (PR above 400 ms is not seen here).
const MAX_P_TO_QRS_S = 0.4;

/**
 * Whether a window holds a wave of `kind` among detected beats. QRS and premature-beat windows
 * hold a detected QRS (qrsInWindow). A P window ends before a QRS that starts within 400 ms of
 * the window's start, and holds no QRS: the beat is that QRS's. A non-conducted P lies between
 * two consecutive QRS complexes, holding neither: the beat is the one before it. T and ST-T
 * windows follow a QRS with no other QRS before the window: the beat is that QRS's. An
 * RR-interval window holds two consecutive QRS complexes: the beat is the first. A question
 * that names no wave (null) is taken as asking for a QRS, as most do.
 */
export function waveInWindow(
  kind: WaveKind | null,
  window: SecondsWindow,
  beats: readonly MeasuredBeat[],
): WaveInWindow {
  const held = qrsInWindow(beats, window);
  if (kind === null || kind === 'qrs' || kind === 'premature_beat') {
    const b = held ? beats[held.beatIndex] : undefined;
    return {
      held: b !== undefined,
      beatIndex: b?.index ?? null,
      detail: b ? `QRS ${b.qrsOnsetS}-${b.qrsOffsetS} s` : 'no detected QRS overlaps it enough',
    };
  }
  const next = beats.find((b) => b.qrsOnsetS >= window.endS - EDGE_TOLERANCE_S);
  const prev = beats.findLast((b) => b.qrsOffsetS <= window.startS + EDGE_TOLERANCE_S);
  if (kind === 'p') {
    const ok = !held && !!next && next.qrsOnsetS - window.startS <= MAX_P_TO_QRS_S;
    return {
      held: ok,
      beatIndex: next?.index ?? null,
      detail: next
        ? `next QRS onset ${next.qrsOnsetS} s, detected P ${next.pOnsetS ?? '-'}-${next.pOffsetS ?? '-'} s`
        : 'no QRS after it',
    };
  }
  if (kind === 'non_conducted_p') {
    const between = !held && !!prev && !!next && next.index === prev.index + 1;
    // Where the engine found the non-conducted P wave of this interval, the window must hold its
    // peak; where it found none (one hidden in a T wave, say), being between the two QRS is all
    // that can be checked.
    const found = between ? prev.nonConductedP : null;
    const ok = found
      ? found.peakS >= window.startS - EDGE_TOLERANCE_S &&
        found.peakS <= window.endS + EDGE_TOLERANCE_S
      : between;
    return {
      held: ok,
      beatIndex: prev?.index ?? null,
      detail:
        prev && next
          ? `between QRS ${prev.qrsOnsetS}-${prev.qrsOffsetS} s and QRS ${next.qrsOnsetS}-${next.qrsOffsetS} s` +
            (found ? `, non-conducted P ${found.onsetS}-${found.offsetS} s` : '')
          : 'not between two detected QRS complexes',
    };
  }
  if (kind === 'rr_interval') {
    const inside = beats.filter((b) => b.rPeakS >= window.startS && b.rPeakS <= window.endS);
    const [a, b] = inside;
    const ok = inside.length === 2 && b!.index === a!.index + 1;
    return {
      held: ok,
      beatIndex: a?.index ?? null,
      detail: `${inside.length} detected R peaks inside it`,
    };
  }
  const ok = !!prev && (!next || next.index === prev.index + 1);
  return {
    held: ok,
    beatIndex: prev?.index ?? null,
    detail: prev
      ? `after QRS ${prev.qrsOnsetS}-${prev.qrsOffsetS} s, T end ${prev.tOffsetS ?? '-'} s`
      : 'no QRS before it',
  };
}

/** The beats (0-based) whose non-conducted P wave, as the engine found it, peaks inside a window. */
export function nonConductedPIn(window: SecondsWindow, m: Measurements): number[] {
  return m.beats.flatMap((b) =>
    b.nonConductedP &&
    b.nonConductedP.peakS >= window.startS &&
    b.nonConductedP.peakS <= window.endS
      ? [b.index]
      : [],
  );
}

/**
 * The beats whose P or T wave peaks inside a window that holds no QRS: the strict reading a
 * distractor is held to (an answer is read by waveInWindow, which is lenient). A P wave peaks at
 * the beat's delineated P peak; a T wave (also for ST-T) at the R peak plus the median beat's T
 * peak, since the engine's per-beat T peaks can land on the next P wave where T waves are flat.
 */
export function wavePeaksIn(
  kind: 'p' | 't' | 'st_t',
  window: SecondsWindow,
  m: Pick<Measurements, 'beats' | 'medianBeat'>,
): number[] {
  if (qrsInWindow(m.beats, window)) return [];
  const inside = (t: number | null) => t !== null && t >= window.startS && t <= window.endS;
  const medianMs = kind === 'p' ? m.medianBeat?.pPeakMs : m.medianBeat?.tPeakMs;
  const fromMedian = (b: MeasuredBeat) =>
    medianMs === null || medianMs === undefined ? null : b.rPeakS + medianMs / 1000;
  return m.beats
    .filter((b) => inside(kind === 'p' ? (b.pPeakS ?? fromMedian(b)) : (fromMedian(b) ?? b.tPeakS)))
    .map((b) => b.index);
}
