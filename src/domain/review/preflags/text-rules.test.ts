import { describe, expect, it } from 'vitest';
import { sampleOf, waveQ } from '../../../testing/preflag-fixtures';
import { textRules } from './text-rules';

const QRS = 'In which of the following segments can you observe a QRS complex?';

describe('text rules (the validator read as pre-flags)', () => {
  it('a clean sample has none', () => {
    const sample = sampleOf([
      {
        finding: 'is it?',
        yes: true,
        grounding: [waveQ(QRS, ['[1.00s - 1.10s]', '[2.00s - 2.10s]'], 0)],
      },
    ]);
    expect(textRules({ sample, m: null })).toEqual([]);
  });

  it('a repeated option, pointed at where it repeats', () => {
    const sample = sampleOf([
      { finding: 'is it?', yes: false },
      {
        finding: 'is it?',
        yes: true,
        grounding: [waveQ(QRS, ['[1.00s - 1.10s]', '[2.00s - 2.10s]', '[1.00s - 1.10s]'], 1)],
      },
    ]);
    expect(textRules({ sample, m: null })).toEqual([
      {
        rule: 'duplicate-option',
        severity: 'error',
        message: expect.stringContaining('"[1.00s - 1.10s]" appears twice'),
        at: { step: 1, part: 'ecg_grounding', question: 0, option: 2 },
        numbers: { text: '[1.00s - 1.10s]' },
      },
    ]);
  });

  it('a misspelled ordinal', () => {
    const sample = sampleOf([
      {
        finding: 'is it?',
        yes: true,
        grounding: [
          waveQ(
            'Which of the following intervals between two consecutive QRS waves represents this significantly longer interval?',
            ['[19th QRS wave - 20th QRS wave]', '[20th QRS wave - 21th QRS wave]'],
            0,
          ),
        ],
      },
    ]);
    const [flag, ...rest] = textRules({ sample, m: null });
    expect(rest).toEqual([]);
    expect(flag).toMatchObject({
      rule: 'misspelled-ordinal',
      at: { step: 0, part: 'ecg_grounding', question: 0, option: 1 },
      numbers: { text: '[20th QRS wave - 21th QRS wave]' },
    });
  });

  it('an initial answer and a last decision that disagree with dx_label', () => {
    const sample = sampleOf([{ finding: 'is it?', yes: true }], { dxLabel: true });
    sample.data.initial_diagnostic_question.answer = 'No';
    sample.data.reasoning[0]!.diagnostic_decision.answer = 'No';
    sample.data.reasoning[0]!.diagnostic_decision.answer_idx = 1;
    expect(textRules({ sample, m: null })).toEqual([
      expect.objectContaining({
        rule: 'decision-disagrees-label',
        at: { step: null, part: 'initial_diagnostic_question', question: null, option: null },
        numbers: { text: 'No', expected: 'Yes' },
      }),
      expect.objectContaining({
        rule: 'decision-disagrees-label',
        at: { step: 0, part: 'diagnostic_decision', question: null, option: null },
        numbers: { text: 'No', expected: 'Yes' },
      }),
    ]);
  });
});
