import { describe, expect, it } from 'vitest';
import { beatsAt, measurementsWith } from '../../../testing/measured-beats';
import { measureQ, sampleOf, waveQ } from '../../../testing/preflag-fixtures';
import { measurementRule } from './measurement-rule';

const PR_YES = [
  '[200ms - 210ms]',
  '[210ms - 220ms]',
  '[220ms - 230ms]',
  '[230ms - 240ms]',
  'Above 240ms',
];
const PR_NO = [
  'Below 120ms',
  '[120ms - 140ms]',
  '[140ms - 160ms]',
  '[160ms - 180ms]',
  '[180ms - 200ms]',
];
const P_WAVE =
  'In which of the following segments can you observe a P wave that demonstrates the PR interval?';
const PR = 'For the selected segment, which range does the measured PR interval fall into?';

// R peaks 1 s apart from 0.5 s; the beat at 2.5 s has a PR of 226 ms, the median beat 150 ms.
const beats = beatsAt([0.5, 1.5, 2.5, 3.5]).map((b) => (b.index === 2 ? { ...b, prMs: 226 } : b));
const m = measurementsWith(beats);
// The P window of the beat at 2.5 s (its QRS starts at 2.45 s).
const pWindow = '[2.29s - 2.39s]';

const sampleAnswering = (options: string[], answer: number) =>
  sampleOf([
    {
      finding: 'is the PR interval prolonged?',
      yes: true,
      grounding: [waveQ(P_WAVE, ['[0.29s - 0.39s]', pWindow], 1), measureQ(PR, options, answer)],
    },
  ]);

describe('measurement-outside-bins', () => {
  it('flags an answer two bins from the bin holding the value, with the numbers', () => {
    const flags = measurementRule({ sample: sampleAnswering(PR_YES, 0), m });
    expect(flags).toEqual([
      {
        rule: 'measurement-outside-bins',
        severity: 'warning',
        message: expect.stringContaining('PR interval at 226 ms on the 3rd detected beat'),
        at: { step: 0, part: 'ecg_grounding', question: 1, option: 0 },
        numbers: {
          value: 226,
          unit: 'ms',
          answer: '[200ms - 210ms]',
          valueOption: '[220ms - 230ms]',
          accepted: ['[200ms - 210ms]', '[210ms - 220ms]'],
          lead: null,
          beatIndex: 2,
          basis: 'beat',
          window: { startS: 2.29, endS: 2.39 },
        },
      },
    ]);
  });

  it('allows the exact bin and its neighbours', () => {
    for (const answer of [1, 2, 3])
      expect(measurementRule({ sample: sampleAnswering(PR_YES, answer), m })).toEqual([]);
  });

  it('flags a value beyond the ends two bins away, and says no option holds it', () => {
    const [flag] = measurementRule({ sample: sampleAnswering(PR_NO, 3), m });
    expect(flag?.numbers.valueOption).toBeNull();
    expect(flag?.message).toContain('which no option holds');
    // 180-200 is the nearest bin below 226: a neighbour.
    expect(measurementRule({ sample: sampleAnswering(PR_NO, 4), m })).toEqual([]);
  });

  it('stays silent without a record, and on what the engine does not measure', () => {
    expect(measurementRule({ sample: sampleAnswering(PR_YES, 0), m: null })).toEqual([]);
    const atrial = sampleOf([
      {
        finding: 'is it?',
        yes: true,
        grounding: [
          measureQ(
            'Which of the following ranges does the measured atrial rate fall into?',
            ['[60 bpm - 75 bpm]', '[75 bpm - 90 bpm]'],
            0,
          ),
        ],
      },
    ]);
    expect(measurementRule({ sample: atrial, m })).toEqual([]);
  });
});
