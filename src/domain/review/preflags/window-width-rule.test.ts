import { describe, expect, it } from 'vitest';
import { measurementTarget } from '../../benchmark/grounding';
import type { BenchmarkSampleV002 } from '../../../schemas/benchmark-sample';
import { loadRealSamples } from '../../../testing/sample-fixtures';
import { measureQ, sampleOf, waveQ } from '../../../testing/preflag-fixtures';
import { preflagSample } from './run-preflags';
import { windowWidthRule } from './window-width-rule';

const real = loadRealSamples(Infinity);
const BBB = ['complete_left_bundle_branch_block', 'complete_right_bundle_branch_block'];

const QRS =
  'In which of the following segments can you observe a QRS wave that demonstrates the prolonged QRS duration?';
const DURATION = 'For the selected segment, which range does the measured QRS duration fall into?';
const BINS = [
  '[120ms - 130ms]',
  '[130ms - 140ms]',
  '[140ms - 150ms]',
  '[150ms - 160ms]',
  'Above 160ms',
];

/** One step: a QRS window answered `window`, then its QRS duration answered `bin`. */
function durationSample(window: string, bin: string): BenchmarkSampleV002 {
  const windows = ['[0.78s - 1.05s]', window, '[8.20s - 8.33s]'];
  return sampleOf([
    {
      finding: 'does this ECG show a prolonged QRS duration?',
      yes: true,
      grounding: [waveQ(QRS, windows, 1), measureQ(DURATION, BINS, BINS.indexOf(bin))],
    },
  ]);
}

describe('measurement-against-window (a QRS-duration answer against its window\u2019s length)', () => {
  it("holds on every bundle branch block sample of ptbxl.jsonl: the benchmark's answers are its windows' lengths", () => {
    const bbb = real.filter((s) => BBB.includes(s.metadata.target_dx));
    let asked = 0;
    for (const sample of bbb) {
      const steps = sample.data.reasoning;
      steps.forEach((step, s) =>
        step.ecg_grounding.forEach((_, index) => {
          const t = measurementTarget(steps, { step: s, index });
          if (t?.quantity === 'qrs_duration' && t.segment?.window) asked++;
        }),
      );
    }
    expect(asked).toBe(400);
    expect(bbb.flatMap((sample) => windowWidthRule({ sample, m: null }))).toEqual([]);
  });

  it('on the real file it flags only LVH QRS durations asked for a window located in aVL', () => {
    const flagged = real.flatMap((sample) =>
      windowWidthRule({ sample, m: null }).map((flag) => ({ sample, flag })),
    );
    expect(flagged.length).toBeGreaterThan(0);
    for (const { sample, flag } of flagged) {
      expect(sample.metadata.target_dx).toBe('left_ventricular_hypertrophy');
      expect(flag.numbers.lead).toBe('aVL');
      expect(flag.message).toContain('located in lead aVL');
      expect(flag.severity).toBe('error');
    }
    // Premature-beat durations are asked "for the premature beat", not for a selected segment.
    const premature = real.filter((s) => s.metadata.target_dx.startsWith('premature_'));
    expect(premature.flatMap((sample) => windowWidthRule({ sample, m: null }))).toEqual([]);
  });

  it('flags a window made longer than its answer says, at the answer', () => {
    const sample = durationSample('[5.51s - 5.66s]', '[130ms - 140ms]');
    expect(windowWidthRule({ sample, m: null })).toEqual([
      {
        rule: 'measurement-against-window',
        severity: 'error',
        message: expect.stringContaining(
          '[5.51s - 5.66s], which is 150 ms long, but the answer is [130ms - 140ms]',
        ),
        at: { step: 0, part: 'ecg_grounding', question: 1, option: 1 },
        numbers: {
          answer: '[130ms - 140ms]',
          window: { startS: 5.51, endS: 5.66 },
          lead: null,
          extra: { 'Window length': '150 ms' },
        },
      },
    ]);
    // The registered rule set runs it, with no record needed.
    expect(preflagSample(sample, null).map((f) => f.rule)).toContain('measurement-against-window');
  });

  it('flags an answer moved off its window, and an open bin the length falls short of', () => {
    expect(
      windowWidthRule({ sample: durationSample('[5.51s - 5.64s]', '[150ms - 160ms]'), m: null }),
    ).toHaveLength(1);
    expect(
      windowWidthRule({ sample: durationSample('[5.51s - 5.66s]', 'Above 160ms'), m: null }),
    ).toHaveLength(1);
  });

  it('allows what edges written to 10 ms allow: a length at either end of the bin', () => {
    for (const window of ['[5.51s - 5.64s]', '[5.51s - 5.65s]']) {
      expect(
        windowWidthRule({ sample: durationSample(window, '[130ms - 140ms]'), m: null }),
      ).toEqual([]);
    }
    expect(
      windowWidthRule({ sample: durationSample('[5.51s - 5.68s]', 'Above 160ms'), m: null }),
    ).toEqual([]);
  });
});
