import { describe, expect, it } from 'vitest';
import { measureRecord } from '../../measure/measure-record';
import { generateSyntheticEcg, synthParams } from '../../synth';
import { beatAt, beatsAt } from '../../../testing/measured-beats';
import type { WaveKind } from './question-text';
import {
  optionWindows,
  qrsInWindow,
  resolveBeatRange,
  waveInWindow,
  waveWindowOfBeat,
} from './beats';
import type { ReadWaveGrounding } from './read';
import { readGrounding } from './read';

// R peaks 1 s apart from 0.5 s: QRS 0.45-0.55, 1.45-1.55, ...; P 0.29-0.39 before the first.
const beats = beatsAt([0.5, 1.5, 2.5, 3.5, 4.5, 5.5]);

const waveQuestion = (question: string, options: string[], answer = 0) =>
  readGrounding({
    question,
    question_type: 'wave_grounding',
    options,
    answer_idx: answer,
  }) as ReadWaveGrounding;

describe('QRS held by a window', () => {
  it('holds the QRS it overlaps most, when it covers half the QRS or half the window', () => {
    expect(qrsInWindow(beats, { startS: 1.44, endS: 1.56 })?.beatIndex).toBe(1);
    expect(qrsInWindow(beats, { startS: 1.5, endS: 1.56 })?.beatIndex).toBe(1);
    // 20 ms of a 100 ms QRS in a 300 ms window: not enough.
    expect(qrsInWindow(beats, { startS: 1.53, endS: 1.83 })).toBeNull();
    expect(qrsInWindow(beats, { startS: 1.6, endS: 1.9 })).toBeNull();
  });

  it('holds a QRS the engine found on a synthetic record', () => {
    const m = measureRecord(
      generateSyntheticEcg(synthParams('normal_sinus_rhythm', { seed: 3, heartRateBpm: 60 }))
        .record,
    );
    const b = m.beats[2]!;
    expect(
      qrsInWindow(m.beats, { startS: b.qrsOnsetS - 0.01, endS: b.qrsOffsetS + 0.01 })?.beatIndex,
    ).toBe(2);
    expect(
      qrsInWindow(m.beats, { startS: b.qrsOffsetS + 0.1, endS: b.qrsOffsetS + 0.3 }),
    ).toBeNull();
  });
});

describe('"Nth QRS wave" ranges', () => {
  it('run from the QRS onset of the first beat to the QRS offset of the last', () => {
    const r = resolveBeatRange(beats, { fromBeat: 2, toBeat: 3 }, null);
    expect(r).toEqual({
      ok: true,
      anchorBeatIndex: 0,
      fromBeatIndex: 1,
      toBeatIndex: 2,
      window: { startS: 1.45, endS: 2.55 },
      rrMs: 1000,
    });
    expect(r.ok && r.window).toEqual({
      startS: waveWindowOfBeat('qrs', beats[1]!)!.startS,
      endS: waveWindowOfBeat('qrs', beats[2]!)!.endS,
    });
  });

  it('count from the beat the pinned "1st QRS wave" window holds', () => {
    // The detector sees a beat at 0.5 s before the pinned one at 1.45-1.55 s.
    const r = resolveBeatRange(beats, { fromBeat: 2, toBeat: 3 }, { startS: 1.44, endS: 1.56 });
    expect(r).toMatchObject({ ok: true, anchorBeatIndex: 1, fromBeatIndex: 2, toBeatIndex: 3 });
    expect(resolveBeatRange(beats, { fromBeat: 1, toBeat: 2 }, { startS: 1.7, endS: 1.8 })).toEqual(
      {
        ok: false,
        reason: "no detected QRS in the 1st QRS wave's window [1.7s - 1.8s]",
      },
    );
  });

  it('say why when the ordinals are wrong or run past the detected beats', () => {
    expect(resolveBeatRange(beats, { fromBeat: 3, toBeat: 2 }, null)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/ascending/),
    });
    expect(
      resolveBeatRange(beats, { fromBeat: 5, toBeat: 6 }, { startS: 1.44, endS: 1.56 }),
    ).toEqual({
      ok: false,
      reason: 'beats 5-6 counted from beat 2 asked for, 6 detected',
    });
  });

  it('read a misspelled ordinal ("21th") as its number', () => {
    const many = beatsAt(Array.from({ length: 24 }, (_, i) => 0.3 + i * 0.4));
    const q = waveQuestion(
      "Which ...? the '1st QRS wave' refers to the QRS wave located at [0.25s - 0.35s] in the ECG signal.",
      ['[20th QRS wave - 21th QRS wave]', '[20th QRS wave - 21st QRS wave]'],
    );
    expect(q.options[0]).toMatchObject({
      kind: 'beats',
      fromBeat: 20,
      toBeat: 21,
      ordinalsWellSpelled: false,
    });
    const [misspelled, right] = optionWindows(q, many);
    expect(misspelled).toEqual(right);
    expect(misspelled).toMatchObject({ ok: true, window: { startS: 7.85, endS: 8.35 } });
  });
});

describe('option windows of a wave question', () => {
  it('gives windows as written, beat ranges once beats are detected, and why not otherwise', () => {
    const q = waveQuestion('In which ... can you observe the premature beat?', [
      '[1.44s - 1.56s]',
      '[2nd QRS wave - 3rd QRS wave]',
      '[a - b]',
    ]);
    expect(optionWindows(q, null)).toEqual([
      { ok: true, window: { startS: 1.44, endS: 1.56 }, beats: null },
      { ok: false, reason: 'beat range waits for beat detection' },
      { ok: false, reason: 'neither a time window nor a beat range' },
    ]);
    expect(optionWindows(q, beats)[1]).toMatchObject({
      ok: true,
      window: { startS: 1.45, endS: 2.55 },
    });
  });
});

describe('the wave an answer window names', () => {
  const cases: [WaveKind | null, { startS: number; endS: number }, boolean, number | null][] = [
    ['qrs', { startS: 2.44, endS: 2.56 }, true, 2],
    // A question naming no wave is checked as a QRS question.
    [null, { startS: 2.44, endS: 2.56 }, true, 2],
    ['qrs', { startS: 2.6, endS: 2.9 }, false, null],
    ['premature_beat', { startS: 3.45, endS: 3.57 }, true, 3],
    // P of beat 2 (P 2.29-2.39, QRS onset 2.45).
    ['p', { startS: 2.28, endS: 2.4 }, true, 2],
    // A "P" window that holds a QRS.
    ['p', { startS: 2.42, endS: 2.56 }, false, 3],
    // Too far before the next QRS to be its P: a mid-diastole window.
    ['p', { startS: 1.9, endS: 2.0 }, false, 2],
    ['non_conducted_p', { startS: 1.9, endS: 2.0 }, true, 1],
    ['non_conducted_p', { startS: 1.44, endS: 1.56 }, false, 0],
    ['t', { startS: 1.7, endS: 1.9 }, true, 1],
    ['st_t', { startS: 1.56, endS: 1.9 }, true, 1],
    ['st_t', { startS: 0.1, endS: 0.3 }, false, null],
    ['rr_interval', { startS: 1.45, endS: 2.55 }, true, 1],
    ['rr_interval', { startS: 1.45, endS: 3.55 }, false, 1],
  ];
  it.each(cases)('%s in %o: held %s, beat %s', (kind, window, held, beatIndex) => {
    expect(waveInWindow(kind, window, beats)).toMatchObject({ held, beatIndex });
  });

  it('gives each beat wave its window, or null where the engine does not delineate it', () => {
    const b = beatAt(0, 1);
    expect(waveWindowOfBeat('qrs', b)).toEqual({ startS: 0.95, endS: 1.05 });
    expect(waveWindowOfBeat('p', b)).toEqual({ startS: 0.79, endS: 0.89 });
    expect(waveWindowOfBeat('st_t', b)).toEqual({ startS: 1.05, endS: 1.4 });
    expect(waveWindowOfBeat('p', beatAt(0, 1, { pOnsetS: null }))).toBeNull();
    expect(waveWindowOfBeat('t', b)).toEqual({ startS: 1.15, endS: 1.4 });
    expect(waveWindowOfBeat('t', beatAt(0, 1, { tOnsetS: null }))).toBeNull();
    expect(waveWindowOfBeat('non_conducted_p', b)).toBeNull();
    expect(waveWindowOfBeat('rr_interval', b)).toBeNull();
  });
});
