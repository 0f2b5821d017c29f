/**
 * Wave grounding options from a record: the answer window on the delineated wave of the asked kind
 * (waveWindowOfBeat), distractors from other beats and waves, sorted by start, 2 decimals; and
 * "Nth QRS wave" pairs from detected beats.
 */
import { median } from '../../measure/measure-math';
import type { MeasuredBeat, Measurements } from '../../measure/types';
import type { SecondsWindow, WaveKind } from '../grounding';
import {
  formatBeatRange,
  formatTimeWindow,
  nonConductedPIn,
  readWaveOption,
  waveInWindow,
  waveWindowOfBeat,
} from '../grounding';
import type { Draw } from './draw';

/** Options written, with the answer's place among them. */
export interface WrittenOptions {
  readonly options: string[];
  readonly answerIdx: number;
}

/** The kinds of wave whose windows serve as distractors for a question asking for `kind`. */
const DISTRACTOR_KINDS: Readonly<Record<WaveKind, readonly WaveKind[]>> = {
  qrs: ['p', 't'],
  premature_beat: ['qrs', 'p', 't'],
  p: ['qrs', 't'],
  t: ['p', 'qrs'],
  st_t: ['p', 'qrs'],
  non_conducted_p: ['p', 't'],
  rr_interval: [],
};

// Kinds whose distractors the grounding rules can tell apart from the answer (waveInWindow): a
// distractor they would take for the asked wave is not used. The T and ST-T rules accept any window
// after a QRS, a P wave included, so they are not asked.
const CHECKED_KINDS: readonly WaveKind[] = ['qrs', 'premature_beat', 'p'];

/** A window as written (2 decimals) and read back: what a reader of the option sees. */
function written(w: SecondsWindow): SecondsWindow {
  const read = readWaveOption(formatTimeWindow(w.startS, w.endS));
  return read.kind === 'window' ? { startS: read.startS, endS: read.endS } : w;
}

/** The beats an answer of `kind` may sit on; empty when the engine finds none. */
export function eligibleBeats(kind: WaveKind, m: Measurements): MeasuredBeat[] {
  const inside = (b: MeasuredBeat) => {
    const w = waveWindowOfBeat(kind, b);
    return w !== null && w.startS >= 0 && w.endS <= m.durationS && w.endS > w.startS;
  };
  if (kind === 'premature_beat') return m.beats.filter((b) => b.premature && inside(b));
  const regular = m.beats.filter((b) => !b.premature && inside(b));
  return regular.length > 0 ? regular : m.beats.filter(inside);
}

/** A beat's value off the record's median that still counts as typical of the record (ms). */
export const TYPICAL_SPREAD_MS = 6;

/** The interval a measurement on an answer window of `kind` reads on its beat, if any. */
function intervalOn(kind: WaveKind, b: MeasuredBeat): number | null {
  if (kind === 'p') return b.prMs;
  return kind === 'qrs' || kind === 'premature_beat' ? b.qrsMs : null;
}

/**
 * The beats among `eligible` to draw an answer window from: those whose interval (PR on a P wave,
 * QRS duration on a QRS) lies within TYPICAL_SPREAD_MS of the median of them, or the half nearest
 * it when fewer do. A measurement question that follows reads that one beat, so it inherits the
 * beat's delineation: a beat at 166 ms among beats at 144-156 gives an answer that a cardiologist
 * measuring the record would not give. Kinds without an interval leave `eligible` as it is, and so
 * do fewer than 3 beats with one.
 */
export function typicalBeats(kind: WaveKind, eligible: readonly MeasuredBeat[]): MeasuredBeat[] {
  const valued = eligible.flatMap((b) => {
    const v = intervalOn(kind, b);
    return v === null ? [] : [{ b, v }];
  });
  if (valued.length < 3) return [...eligible];
  const middle = median(valued.map((x) => x.v));
  const off = (x: { v: number }) => Math.abs(x.v - middle);
  const near = valued.filter((x) => off(x) <= TYPICAL_SPREAD_MS);
  const enough = Math.ceil(valued.length / 2);
  const kept =
    near.length >= enough
      ? near
      : [...valued].sort((a, b) => off(a) - off(b) || a.b.index - b.b.index).slice(0, enough);
  // In record order, so a seed draws the same beat whatever order the filter left them in.
  return kept.map((x) => x.b).sort((a, b) => a.index - b.index);
}

/** Every wave window of the record that may serve as a distractor for an answer of `kind`. */
function distractorWindows(
  kind: WaveKind,
  answer: SecondsWindow,
  m: Measurements,
): SecondsWindow[] {
  const out: SecondsWindow[] = [];
  for (const b of m.beats) {
    for (const other of DISTRACTOR_KINDS[kind]) {
      if (other === 'qrs' && kind === 'premature_beat' && b.premature) continue;
      const w = waveWindowOfBeat(other, b);
      if (!w || w.startS < 0 || w.endS > m.durationS) continue;
      const x = written(w);
      if (x.endS <= x.startS || (x.startS < answer.endS && answer.startS < x.endS)) continue;
      if (CHECKED_KINDS.includes(kind) && waveInWindow(kind, x, m.beats).held) continue;
      if (kind === 'non_conducted_p' && nonConductedPIn(x, m).length > 0) continue;
      out.push(x);
    }
  }
  return out;
}

/**
 * Options of a window question: the answer window and count - 1 distractors drawn from the other
 * waves (none overlapping another option), sorted by start; null when too few distractors exist.
 */
export function windowOptions(
  draw: Draw,
  kind: WaveKind,
  answerWindow: SecondsWindow,
  m: Measurements,
  count: number,
): WrittenOptions | null {
  const answer = written(answerWindow);
  const pool = distractorWindows(kind, answer, m);
  const chosen: SecondsWindow[] = [];
  while (chosen.length < count - 1 && pool.length > 0) {
    const w = pool.splice(draw.int(pool.length), 1)[0]!;
    if (chosen.every((c) => w.endS <= c.startS || c.endS <= w.startS)) chosen.push(w);
  }
  if (chosen.length < count - 1) return null;
  const all = [answer, ...chosen].sort((a, b) => a.startS - b.startS || a.endS - b.endS);
  return {
    options: all.map((w) => formatTimeWindow(w.startS, w.endS)),
    answerIdx: all.indexOf(answer),
  };
}

/** A "Nth QRS wave" question from detected beats: the pinned 1st QRS, the options, the answer. */
export interface BeatRangeQuestion extends WrittenOptions {
  /** The window of the QRS the question calls the 1st, as written. */
  readonly anchor: string;
  /** The 0-based index of the beat the answer's pair ends on. */
  readonly answerBeat: number;
}

/**
 * Options "[kth QRS wave - (k+1)th QRS wave]" counted from the first detected beat: the answer is
 * the pair with the longest RR, the others count - 1 other pairs drawn, sorted by k.
 */
export function beatRangeOptions(
  draw: Draw,
  m: Measurements,
  count: number,
): BeatRangeQuestion | null {
  const beats = m.beats;
  if (beats.length < count + 1) return null;
  let longest = 1;
  for (let i = 2; i < beats.length; i++) {
    if ((beats[i]!.rrBeforeMs ?? 0) > (beats[longest]!.rrBeforeMs ?? 0)) longest = i;
  }
  const others = beats.slice(1).flatMap((b) => (b.index === longest ? [] : [b.index]));
  const ends = [longest, ...draw.pick(others, count - 1)].sort((a, b) => a - b);
  const first = waveWindowOfBeat('qrs', beats[0]!)!;
  return {
    anchor: formatTimeWindow(first.startS, first.endS),
    options: ends.map((end) => formatBeatRange(end, end + 1)),
    answerIdx: ends.indexOf(longest),
    answerBeat: longest,
  };
}
