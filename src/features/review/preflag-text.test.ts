import { describe, expect, it } from 'vitest';
import { loadRealSamples } from '../../testing/sample-fixtures';
import { leadRows, locationText, numberLines, ruleTitle } from './preflag-text';

const sample = loadRealSamples(1)[0]!;

describe('pre-flags in words', () => {
  it('names each rule, and an unknown one by its words', () => {
    expect(ruleTitle('measurement-outside-bins')).toMatch(/bin of the engine's value/);
    expect(ruleTitle('some-new_rule')).toBe('Some new rule');
  });

  it('says where a pre-flag points, with the option as written in the sample', () => {
    const step = sample.data.reasoning.findIndex((s) => s.ecg_grounding.length > 0);
    const option = sample.data.reasoning[step]!.ecg_grounding[0]!.options[1];
    expect(locationText({ step, part: 'ecg_grounding', question: 0, option: 1 }, sample)).toBe(
      `Step ${step + 1} · grounding question 1 · option 2 (“${option}”)`,
    );
    expect(
      locationText({ step: 0, part: 'diagnostic_decision', question: null, option: null }),
    ).toBe('Step 1 · decision');
    expect(locationText({ step: null, part: null, question: null, option: null })).toBe(
      'The sample as a whole',
    );
  });

  it('writes the numbers with their units: value and bin, window and wave, text', () => {
    expect(
      numberLines({
        value: 212.4567,
        unit: 'ms',
        answer: '120-200 ms',
        valueOption: '>200 ms',
        accepted: ['120-200 ms', '>200 ms'],
        holdsWhen: { lo: 200, hi: null },
        margin: 20,
      }),
    ).toEqual([
      { label: "Engine's value", value: '212.457 ms' },
      { label: 'Answer', value: '120-200 ms' },
      { label: 'Bin of the value', value: '>200 ms' },
      { label: 'Accepted bins', value: '120-200 ms · >200 ms' },
      { label: 'Finding holds when', value: 'value > 200 ms' },
      { label: 'Margin allowed', value: '20 ms' },
    ]);
    expect(
      numberLines({ window: { startS: 1.2, endS: 1.5 }, waveWindow: null, beatIndex: 2 }),
    ).toEqual([
      { label: 'Beat', value: 'detected beat 3' },
      { label: 'Option window', value: '1.2–1.5 s' },
      { label: 'Wave found', value: 'none on that beat' },
    ]);
    expect(numberLines({ text: '21th', expected: '21st', extra: { rrMs: 812.5 } })).toEqual([
      { label: 'Text', value: '“21th”' },
      { label: 'Expected', value: '“21st”' },
      { label: 'rrMs', value: '812.5' },
    ]);
  });

  it('lists per-lead evidence', () => {
    expect(
      leadRows({
        rule: 'lead-answer-missing',
        severity: 'warning',
        message: 'm',
        at: { step: 1, part: 'ecg_grounding', question: 0, option: null },
        numbers: {
          leads: [
            {
              lead: 'V2',
              value: 0.21,
              unit: 'mV',
              threshold: 0.2,
              answered: false,
              verdict: 'shows',
              parts: { stJMv: 0.21 },
            },
            {
              lead: 'V3',
              value: null,
              unit: 'mV',
              threshold: null,
              answered: true,
              verdict: 'unclear',
              parts: {},
            },
          ],
        },
        engineVersion: 'e',
        createdAt: '2024-01-01T00:00:00.000Z',
      }),
    ).toEqual([
      { lead: 'V2', value: '0.21 mV', threshold: '0.2 mV', answered: 'no', verdict: 'shows' },
      { lead: 'V3', value: 'not measured', threshold: '–', answered: 'yes', verdict: 'unclear' },
    ]);
  });
});
