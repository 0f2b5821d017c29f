import { describe, expect, it } from 'vitest';
import { beatsAt, measurementsWith } from '../../../testing/measured-beats';
import { measureGrounding } from '../grounding';
import { measureTarget, roundReading } from './measure';
import { measurementTarget } from './target';
import type { GroundingInput, GroundingPosition, StepInput } from './types';

const TAIL = ' The options below refer to time ranges on the ECG signal, provided in seconds.';
const wave = (question: string, options: string[], answer: number): GroundingInput => ({
  question: question + TAIL,
  question_type: 'wave_grounding',
  options,
  answer_idx: [answer],
});
const leadQ = (options: string[], answers: number[]): GroundingInput => ({
  question:
    'Which of the following leads show the larger R amplitude? Select the lead from the options below.',
  question_type: 'lead_grounding',
  options,
  answer_idx: answers,
});
const measurement = (question: string, options: string[], answer: number): GroundingInput => ({
  question,
  question_type: 'measurement_grounding',
  options,
  // 0.0.1 writes an integer: the rules read both shapes.
  answer_idx: answer,
});
const QRS_OPTIONS = ['[120ms - 130ms]', '[130ms - 140ms]', '[140ms - 150ms]', 'Above 150ms'];
const step = (...ecg_grounding: GroundingInput[]): StepInput => ({ ecg_grounding });

// R peaks 1 s apart from 0.5 s; beat 1 wide, beat 2 with a long PR, beat 3 premature and wide.
const beats = beatsAt([0.5, 1.5, 2.5, 3.5, 4.5, 5.5]).map((b) => {
  if (b.index === 1) return { ...b, qrsMs: 132.4, qrsAxisDeg: -47.6 };
  if (b.index === 2) return { ...b, prMs: 184 };
  if (b.index === 3) return { ...b, premature: true, origin: 'ventricular' as const, qrsMs: 148 };
  if (b.index === 4) return { ...b, prMs: null };
  return b;
});
const m = measurementsWith(beats);
const measureAt = (steps: StepInput[], at: GroundingPosition) =>
  measureTarget(measurementTarget(steps, at)!, m);

describe('a measurement question measured on its selected segment', () => {
  const qrsStep = (window: string) =>
    step(
      wave(
        'In which of the following segments can you observe a QRS wave that demonstrates the prolonged QRS duration?',
        ['[0.44s - 0.56s]', window],
        1,
      ),
      measurement(
        'For the selected segment, which range does the measured QRS duration fall into?',
        QRS_OPTIONS,
        1,
      ),
    );

  it('QRS duration: the beat the answer window holds', () => {
    expect(measureAt([qrsStep('[1.44s - 1.56s]')], { step: 0, index: 1 })).toEqual({
      quantity: 'qrs_duration',
      value: 132,
      unit: 'ms',
      basis: 'beat',
      beatIndex: 1,
      lead: null,
      window: { startS: 1.44, endS: 1.56 },
      note: null,
    });
  });

  it('falls back to the median beat, saying why, when the window holds no QRS', () => {
    expect(measureAt([qrsStep('[1.70s - 1.80s]')], { step: 0, index: 1 })).toMatchObject({
      value: 96,
      basis: 'median-beat',
      beatIndex: null,
      note: 'no detected beat in 1.7–1.8 s',
    });
  });

  it('QRS axis: the same beat, rounded to a degree', () => {
    const steps = [
      step(
        wave(
          'In which of the following segments can you locate a QRS wave that would be used to calculate the QRS axis?',
          ['[1.44s - 1.56s]'],
          0,
        ),
        measurement(
          'For the selected segment, which range does the measured QRS axis fall into? ',
          ['[-90 degrees - -60 degrees]', '[-60 degrees - -45 degrees]'],
          1,
        ),
      ),
    ];
    expect(measureAt(steps, { step: 0, index: 1 })).toMatchObject({
      value: -48,
      unit: 'degrees',
      beatIndex: 1,
    });
  });

  it("PR interval: the beat whose P wave the window is, by that beat's P and QRS onsets", () => {
    const pr = (window: string) => [
      step(
        wave(
          'In which of the following segments can you observe a P wave that demonstrates the prolonged PR interval?',
          [window],
          0,
        ),
        measurement(
          'For the selected segment, which range does the measured PR interval fall into?',
          ['[180ms - 200ms]', '[200ms - 210ms]'],
          0,
        ),
      ),
    ];
    expect(measureAt(pr('[2.28s - 2.40s]'), { step: 0, index: 1 })).toMatchObject({
      value: 184,
      basis: 'beat',
      beatIndex: 2,
    });
    // Beat 4 has no detected P: the median beat's PR, and why.
    expect(measureAt(pr('[4.28s - 4.40s]'), { step: 0, index: 1 })).toMatchObject({
      value: 150,
      basis: 'median-beat',
      note: 'not measurable on the selected beat',
    });
  });

  it('premature-beat QRS: the beat of the wave question one step before', () => {
    const steps = [
      step(
        wave(
          'In which of the following segments can you observe the premature beat?',
          ['[1.44s - 1.56s]', '[3.44s - 3.56s]'],
          1,
        ),
      ),
      step(
        measurement(
          'Which range does the measured QRS duration for the premature beat fall into?',
          QRS_OPTIONS,
          2,
        ),
      ),
    ];
    expect(measureAt(steps, { step: 1, index: 0 })).toMatchObject({
      value: 148,
      basis: 'beat',
      beatIndex: 3,
      window: { startS: 3.44, endS: 3.56 },
    });
    // Without a wave question before it: the engine's first premature beat.
    expect(measureAt([steps[1]!], { step: 0, index: 0 })).toMatchObject({
      value: 148,
      beatIndex: 3,
      window: null,
    });
    expect(
      measureTarget(
        measurementTarget([steps[1]!], { step: 0, index: 0 })!,
        measurementsWith(beatsAt([0.5, 1.5])),
      ),
    ).toMatchObject({
      value: null,
      note: 'no premature beat detected',
    });
  });

  it('heart rate: the whole record, whatever wave question came before', () => {
    const steps = [
      qrsStep('[1.44s - 1.56s]'),
      step(
        measurement(
          'Which range does the measured heart rate fall into?',
          ['[60 bpm - 70 bpm]', '[70 bpm - 80 bpm]'],
          1,
        ),
      ),
    ];
    const target = measurementTarget(steps, { step: 1, index: 0 })!;
    expect(target.segment).toBeNull();
    expect(measureTarget(target, m)).toMatchObject({
      value: 72,
      unit: 'bpm',
      basis: 'record',
      window: null,
    });
  });

  it("atrial rate: from the record's P waves, or why not", () => {
    const steps = [
      step(
        measurement(
          'Which of the following ranges does the measured atrial rate fall into?',
          ['[60 bpm - 75 bpm]'],
          0,
        ),
      ),
    ];
    // The fixture's atrial rate (73) differs from its heart rate (72.4): the atrial one is read.
    expect(measureAt(steps, { step: 0, index: 0 })).toMatchObject({
      value: 73,
      unit: 'bpm',
      basis: 'record',
    });
    const noP = {
      ...m,
      atrial: {
        waves: [],
        associated: false,
        rate: { ...m.atrial.rate, value: null, note: 'no P wave stands out of the noise' },
      },
    };
    expect(measureTarget(measurementTarget(steps, { step: 0, index: 0 })!, noP)).toMatchObject({
      value: null,
      basis: null,
      note: 'no P wave stands out of the noise',
    });
  });
});

describe('the lead of an amplitude', () => {
  const R_OPTIONS = ['Below 0.4mV', '[0.4mV - 0.8mV]', '[0.8mV - 1.2mV]', 'Above 1.2mV'];
  const rQuestion =
    'For the selected segment, which range does the measured R amplitude fall into?';

  it('from the wave question ("in lead aVL")', () => {
    const steps = [
      step(
        wave(
          'In which of the following segments can you locate a QRS wave to measure the R amplitude in lead aVL?',
          ['[2.44s - 2.56s]'],
          0,
        ),
        measurement(rQuestion, R_OPTIONS, 1),
      ),
    ];
    const target = measurementTarget(steps, { step: 0, index: 1 })!;
    expect([target.lead, target.leadSource]).toEqual(['aVL', 'wave question']);
    expect(measureTarget(target, m)).toMatchObject({
      value: 0.6,
      unit: 'mV',
      lead: 'aVL',
      beatIndex: 2,
    });
  });

  it('from the lead answer when the wave question says "the selected lead"', () => {
    const steps = [
      step(
        wave(
          'In which of the following segments can you locate a QRS wave to measure the S amplitude in lead V1?',
          ['[0.44s - 0.56s]'],
          0,
        ),
        measurement(
          'For the selected segment, which range does the measured S amplitude fall into?',
          ['Below 0.9mV', 'Above 0.9mV'],
          1,
        ),
        leadQ(['Lead V5', 'Lead V6'], [0]),
        wave(
          'In which of the following segments can you locate a QRS wave to measure the R amplitude in the selected lead?',
          ['[2.44s - 2.56s]'],
          0,
        ),
        measurement(rQuestion, R_OPTIONS, 3),
      ),
    ];
    const s = measurementTarget(steps, { step: 0, index: 1 })!;
    expect([s.quantity, s.lead, s.leadSource]).toEqual(['s_amplitude', 'V1', 'wave question']);
    expect(measureTarget(s, m)).toMatchObject({ value: 1.1, beatIndex: 0 });
    const r = measurementTarget(steps, { step: 0, index: 4 })!;
    expect([r.lead, r.leadSource]).toEqual(['V5', 'lead answer']);
    expect(measureTarget(r, m)).toMatchObject({ value: 1.9, lead: 'V5', beatIndex: 2 });
  });

  it('from the measurement question first, and not known when the lead answer names two', () => {
    const named = [
      step(
        wave(
          'In which ... can you locate a QRS wave to measure the R amplitude in lead aVL?',
          ['[2.44s - 2.56s]'],
          0,
        ),
        measurement('Which range does the R amplitude in lead V1 fall into?', R_OPTIONS, 0),
      ),
    ];
    expect(measurementTarget(named, { step: 0, index: 1 })).toMatchObject({
      lead: 'V1',
      leadSource: 'measurement question',
    });
    const two = [
      step(
        leadQ(['Lead V5', 'Lead V6'], [0, 1]),
        wave(
          'In which ... can you locate a QRS wave to measure the R amplitude in the selected lead?',
          ['[2.44s - 2.56s]'],
          0,
        ),
        measurement(rQuestion, R_OPTIONS, 0),
      ),
    ];
    const t = measurementTarget(two, { step: 0, index: 2 })!;
    expect(t.lead).toBeNull();
    expect(t.problems).toEqual([
      'the lead is not known: its lead question answers 2 leads (V5, V6), not one',
    ]);
    expect(measureTarget(t, m)).toMatchObject({ value: null, note: t.problems[0] });
  });

  it('measures on the median beat of the lead when the window holds no beat', () => {
    const steps = [
      step(
        wave('... to measure the R amplitude in lead V5?', ['[1.70s - 1.80s]'], 0),
        measurement(rQuestion, R_OPTIONS, 3),
      ),
    ];
    expect(measureAt(steps, { step: 0, index: 1 })).toMatchObject({
      value: 1.85,
      basis: 'median-beat',
      note: 'no detected beat in 1.7–1.8 s',
    });
  });
});

describe('questions the rules cannot measure', () => {
  it('names no quantity, or a unit at odds with its quantity', () => {
    const odd = [
      step(
        measurement('Which range does the measured QT interval fall into?', ['[400ms - 450ms]'], 0),
      ),
    ];
    const t = measurementTarget(odd, { step: 0, index: 0 })!;
    expect([t.quantity, t.unit, t.problems]).toEqual([
      null,
      'ms',
      ['the question names no quantity the app knows'],
    ]);
    expect(measureTarget(t, m)).toMatchObject({
      value: null,
      note: 'the question names no quantity the app knows',
    });
    const mixed = [
      step(
        measurement('Which range does the measured heart rate fall into?', ['[400ms - 450ms]'], 0),
      ),
    ];
    expect(measurementTarget(mixed, { step: 0, index: 0 })!.problems).toEqual([
      'its options are in ms, a heart rate in bpm',
    ]);
  });

  it('is null for a question that is not a measurement question, or a position off the sample', () => {
    const steps = [
      step(wave('In which ... can you observe the premature beat?', ['[1.44s - 1.56s]'], 0)),
    ];
    expect(measurementTarget(steps, { step: 0, index: 0 })).toBeNull();
    expect(measurementTarget(steps, { step: 3, index: 0 })).toBeNull();
    expect(measureGrounding(steps, { step: 0, index: 0 }, m)).toBeNull();
  });
});

describe('measureGrounding', () => {
  it('measures, places and judges the value against the answer', () => {
    const steps = [
      step(
        wave(
          'In which ... can you observe a QRS wave that demonstrates the prolonged QRS duration?',
          ['[1.44s - 1.56s]'],
          0,
        ),
        measurement(
          'For the selected segment, which range does the measured QRS duration fall into?',
          QRS_OPTIONS,
          0,
        ),
      ),
    ];
    const got = measureGrounding(steps, { step: 0, index: 1 }, m)!;
    expect(got.measured.value).toBe(132);
    expect(got.place).toEqual({ holding: 1, below: 0, above: 2 });
    expect(got.verdict).toBe('neighbour');
  });
});

describe('reading precision', () => {
  it('rounds once per unit: 1 ms, 1 bpm, 1 degree, 0.01 mV', () => {
    expect(roundReading(132.4, 'ms')).toBe(132);
    expect(roundReading(45.5, 'bpm')).toBe(46);
    expect(roundReading(-47.6, 'degrees')).toBe(-48);
    expect(roundReading(1.004, 'mV')).toBe(1);
    expect(roundReading(0.125, 'mV')).toBe(0.13);
    expect(roundReading(1.21, 'mV')).toBe(1.21);
  });
});
