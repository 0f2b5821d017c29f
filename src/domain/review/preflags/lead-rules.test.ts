import { describe, expect, it } from 'vitest';
import { leadQ, sampleOf, withLeads } from '../../../testing/preflag-fixtures';
import { leadRules } from './lead-rules';

const AMI_ST =
  'does this ECG show ST elevation in at least two of the anterior leads, including leads V1, V2, V3, and V4? Note that ST elevation is defined as an elevation of the J-point greater than 0.1mV (1mm) in these leads.';
const IMI_Q =
  'does this ECG show pathological Q waves in at least two of the inferior leads, including leads II, III, and aVF? Note that a pathological Q wave in these leads is defined as either (1) a QS complex, (2) a Q wave with a duration greater than 30 milliseconds and an amplitude greater than one-fifth of the following R amplitude, or (3) a deep S wave with only a small r wave preceding it.';
const WHICH =
  'Which of the following leads show ST elevation? Select all possible leads from the options below.';

describe('lead answers against per-lead measurements', () => {
  const st = withLeads({
    I: { stJMv: 0.4 },
    V1: { stJMv: 0.3 },
    V2: { stJMv: 0.02 },
    V3: { stJMv: 0.25 },
    V4: { stJMv: 0.12 },
  });

  it('ST elevation: an answered lead without it, a left-out lead with it, a padding lead answered', () => {
    const sample = sampleOf([
      {
        finding: AMI_ST,
        yes: true,
        grounding: [leadQ(WHICH, ['I', 'V1', 'V2', 'V3', 'V4'], ['I', 'V1', 'V2'])],
      },
    ]);
    const flags = leadRules({ sample, m: st });
    expect(flags.map((f) => [f.rule, f.numbers.lead, f.at.option])).toEqual([
      ['lead-answer-outside-group', 'I', 0],
      ['lead-answer-not-shown', 'V2', 2],
      ['lead-answer-missing', 'V3', 3],
    ]);
    expect(flags[1]).toMatchObject({
      severity: 'warning',
      message: expect.stringContaining('0.02 mV against 0.1 mV'),
      numbers: {
        leads: [{ lead: 'V2', value: 0.02, threshold: 0.1, answered: true, verdict: 'absent' }],
      },
    });
    // V4 at 0.12 mV is within the 0.05 mV margin of 0.1: neither way.
    expect(flags.some((f) => f.numbers.lead === 'V4')).toBe(false);
  });

  it('judges nothing from the signal without a record, or ST at J on a wide QRS', () => {
    const sample = sampleOf([
      {
        finding: AMI_ST,
        yes: true,
        grounding: [leadQ(WHICH, ['I', 'V1', 'V2', 'V3', 'V4'], ['V1', 'V2'])],
      },
    ]);
    expect(leadRules({ sample, m: null })).toEqual([]);
    const wide = withLeads({ V1: { stJMv: 0.3 }, V2: { stJMv: 0.02 }, V3: { stJMv: 0.25 } }, 150);
    expect(leadRules({ sample, m: wide })).toEqual([]);
  });

  it('lead questions of a finding answered No are not judged (none are asked)', () => {
    const sample = sampleOf([
      {
        finding: AMI_ST,
        yes: false,
        grounding: [leadQ(WHICH, ['I', 'V1', 'V2', 'V3', 'V4'], ['V1', 'V2'])],
      },
    ]);
    expect(leadRules({ sample, m: st })).toEqual([]);
  });

  it('pathological Q by the IMI wording: duration and a fifth of the R', () => {
    const m = withLeads({
      II: { qMs: 44, qMv: 0.4, rMv: 1 },
      III: { qMs: 0, qMv: 0, rMv: 0.9, sMv: 0.1 },
      aVF: { qMs: 40, qMv: 0.35, rMv: 0.8 },
      V2: { qMs: 60, qMv: 1 },
    });
    const sample = sampleOf([
      {
        finding: IMI_Q,
        yes: true,
        grounding: [
          leadQ(
            'Which of the following leads show the pathological Q waves?',
            ['I', 'II', 'III', 'aVF', 'V2'],
            ['II', 'III'],
          ),
        ],
      },
    ]);
    expect(leadRules({ sample, m }).map((f) => [f.rule, f.numbers.lead])).toEqual([
      ['lead-answer-not-shown', 'III'],
      ['lead-answer-missing', 'aVF'],
    ]);
  });

  it('LVH: the lead answered as having the larger R must not have clearly the smaller one', () => {
    const question =
      'Which of the following leads show the larger R amplitude? Select the lead from the options below.';
    const m = withLeads({ V5: { rMv: 1.2 }, V6: { rMv: 1.5 } });
    const sampleFor = (answer: string, yes: boolean) =>
      sampleOf([
        {
          finding:
            'is the sum of the maximum S amplitude in lead V1 and the maximum R amplitude in lead V5 or V6 greater than 3.5mV?',
          yes,
          grounding: [leadQ(question, ['V5', 'V6'], [answer])],
        },
      ]);
    expect(leadRules({ sample: sampleFor('V6', true), m })).toEqual([]);
    // Asked whatever the finding answer; 0.3 mV smaller is past the 0.15 mV margin.
    const [flag] = leadRules({ sample: sampleFor('V5', false), m });
    expect(flag).toMatchObject({
      rule: 'lead-answer-not-shown',
      at: { option: 0 },
      numbers: { lead: 'V5', margin: 0.15, extra: { 'R V5': 1.2, 'R V6': 1.5 } },
    });
  });
});
