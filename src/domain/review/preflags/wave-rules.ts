/**
 * wave-answer-misses and wave-distractor-holds. An answer window is read leniently (waveInWindow:
 * a QRS overlapping it enough, a P before a QRS, a T after one); a premature-beat answer must
 * also hold a beat that came early. A distractor is read strictly: it holds a QRS (a premature one
 * for premature-beat questions), or a P or T peak with no QRS. Beat ranges ("Nth QRS wave") are
 * resolved through detected beats; the answer must span the longest RR.
 */
import type { Preflag } from '../../../schemas/preflags';
import type { Measurements } from '../../measure/types';
import type { ReadWaveGrounding, SecondsWindow, WaveKind } from '../../benchmark/grounding';
import {
  nonConductedPIn,
  optionWindows,
  qrsInWindow,
  readGrounding,
  waveInWindow,
  wavePeaksIn,
  waveWindowOfBeat,
} from '../../benchmark/grounding';
import { CLEARLY_PREMATURE, ON_TIME_PREMATURITY, RR_LONGER_FRACTION } from './catalog';
import type { PreflagRuleFn } from './preflag';
import { at, nth, preflag } from './preflag';

const WAVE_NAMES: Readonly<Record<WaveKind, string>> = {
  qrs: 'QRS complex',
  premature_beat: 'premature beat',
  p: 'P wave',
  non_conducted_p: 'non-conducted P wave',
  t: 'T wave',
  st_t: 'ST segment and T wave',
  rr_interval: 'RR interval',
};

interface Question {
  readonly step: number;
  readonly index: number;
  readonly read: ReadWaveGrounding;
  readonly options: readonly string[];
}

const isAnswer = (q: Question, i: number) => q.read.answerIdx.includes(i);

/** The beat a window holds and what the engine delineated of its wave, for the numbers. */
function beatNumbers(m: Measurements, kind: WaveKind, beatIndex: number | null) {
  const beat = beatIndex === null ? undefined : m.beats[beatIndex];
  return {
    beatIndex,
    waveWindow: beat ? waveWindowOfBeat(kind, beat) : null,
    ...(beat?.prematurity !== null && beat?.prematurity !== undefined
      ? { extra: { prematurity: beat.prematurity } }
      : {}),
  };
}

function answerMisses(q: Question, i: number, window: SecondsWindow, m: Measurements): Preflag[] {
  const kind = q.read.waveKind ?? 'qrs';
  const name = WAVE_NAMES[kind];
  const found = waveInWindow(q.read.waveKind, window, m.beats);
  const where = at.grounding(q.step, q.index, i);
  if (!found.held) {
    return [
      preflag(
        'wave-answer-misses',
        `The answer ${q.options[i]} does not hold the ${name} the question asks for: ${found.detail}.`,
        where,
        { answer: q.options[i]!, window, ...beatNumbers(m, kind, found.beatIndex) },
      ),
    ];
  }
  if (kind !== 'premature_beat' || found.beatIndex === null) return [];
  const beat = m.beats[found.beatIndex]!;
  if (beat.prematurity === null || beat.prematurity < ON_TIME_PREMATURITY) return [];
  return [
    preflag(
      'wave-answer-misses',
      `The answer ${q.options[i]} holds the ${nth(beat.index + 1)} detected beat, which came on time (its RR is ${Math.round(beat.prematurity * 100)}% of the expected one; a premature beat counts here below ${Math.round(ON_TIME_PREMATURITY * 100)}%).`,
      where,
      { answer: q.options[i]!, window, ...beatNumbers(m, kind, beat.index) },
    ),
  ];
}

function distractorHolds(
  q: Question,
  i: number,
  window: SecondsWindow,
  m: Measurements,
): Preflag[] {
  const kind = q.read.waveKind ?? 'qrs';
  const name = WAVE_NAMES[kind];
  const where = at.grounding(q.step, q.index, i);
  const flag = (beatIndex: number, why: string) => [
    preflag(
      'wave-distractor-holds',
      `The distractor ${q.options[i]} holds a ${name} as well (${why}): two options answer the question.`,
      where,
      {
        answer: q.read.answerIdx.map((a) => q.options[a]).join(', '),
        window,
        ...beatNumbers(m, kind, beatIndex),
      },
    ),
  ];
  if (kind === 'qrs' || kind === 'premature_beat') {
    const held = qrsInWindow(m.beats, window);
    if (!held) return [];
    const beat = m.beats[held.beatIndex]!;
    if (kind === 'qrs')
      return flag(
        beat.index,
        `the ${nth(beat.index + 1)} detected QRS, ${beat.qrsOnsetS}-${beat.qrsOffsetS} s`,
      );
    // Both the engine's own call and a clearly short RR: after ectopics the expected RR is unsure.
    if (!beat.premature || beat.prematurity === null || beat.prematurity > CLEARLY_PREMATURE)
      return [];
    return flag(
      beat.index,
      `the ${nth(beat.index + 1)} detected beat is premature, at ${Math.round(beat.prematurity * 100)}% of the expected RR; clearly premature is ${Math.round(CLEARLY_PREMATURE * 100)}% or less`,
    );
  }
  if (kind === 'p' || kind === 't' || kind === 'st_t') {
    const [beatIndex] = wavePeaksIn(kind, window, m);
    if (beatIndex === undefined) return [];
    return flag(
      beatIndex,
      `the ${kind === 'p' ? 'P' : 'T'} wave of the ${nth(beatIndex + 1)} detected beat peaks inside it`,
    );
  }
  if (kind === 'non_conducted_p') {
    const [beatIndex] = nonConductedPIn(window, m);
    if (beatIndex === undefined) return [];
    const p = m.beats[beatIndex]!.nonConductedP!;
    return flag(
      beatIndex,
      `the engine finds a P wave no QRS follows at ${p.onsetS}-${p.offsetS} s, after the ${nth(beatIndex + 1)} detected beat`,
    );
  }
  return [];
}

/** Beat-range questions: the answer must span the longest RR (by more than the margin). */
function beatRanges(q: Question, m: Measurements): Preflag[] {
  const resolved = optionWindows(q.read, m.beats);
  const rr = resolved.map((w) => (w.ok && w.beats ? w.beats.rrMs : null));
  const answer = q.read.answerIdx[0];
  const answerRr = answer === undefined ? null : rr[answer];
  if (answer === undefined || answerRr === null || answerRr === undefined) return [];
  let longest = -1;
  rr.forEach((v, i) => {
    if (v !== null && (longest < 0 || v > rr[longest]!)) longest = i;
  });
  if (longest < 0 || longest === answer || rr[longest]! <= answerRr * (1 + RR_LONGER_FRACTION))
    return [];
  const w = resolved[answer]!;
  return [
    preflag(
      'wave-answer-misses',
      `The answer ${q.options[answer]} spans an RR of ${answerRr} ms, but ${q.options[longest]} spans ${rr[longest]} ms, more than ${Math.round(RR_LONGER_FRACTION * 100)}% longer: the long RR is elsewhere.`,
      at.grounding(q.step, q.index, answer),
      {
        answer: q.options[answer]!,
        ...(w.ok ? { window: w.window } : {}),
        extra: { rrMs: answerRr, longestRrMs: rr[longest]!, longestOption: q.options[longest]! },
      },
    ),
  ];
}

/** Wave answers that miss their wave, and distractors that hold it too. */
export const waveRules: PreflagRuleFn = ({ sample, m }) => {
  if (!m) return [];
  return sample.data.reasoning.flatMap((step, s) =>
    step.ecg_grounding.flatMap((g, index) => {
      const read = readGrounding(g);
      if (read.type !== 'wave_grounding') return [];
      const q: Question = { step: s, index, read, options: g.options };
      if (read.options.some((o) => o.kind === 'beats')) return beatRanges(q, m);
      return read.options.flatMap((o, i) => {
        if (o.kind !== 'window') return [];
        const window = { startS: o.startS, endS: o.endS };
        return isAnswer(q, i) ? answerMisses(q, i, window, m) : distractorHolds(q, i, window, m);
      });
    }),
  );
};
