import { describe, expect, it } from 'vitest';
import { beatsAt, measurementsWith } from '../../../testing/measured-beats';
import { measureQ, sampleOf, waveQ, withLeads } from '../../../testing/preflag-fixtures';
import { findingRules } from './finding-rules';

const PR_FINDING =
  'is the PR interval prolonged on this ECG? Note that a PR interval is considered to be prolonged if it is greater than 200 milliseconds.';
const LPFB_AXIS =
  'does this ECG show right axis deviation, where the QRS axis is between +90 and +180 degrees?';
const AXIS_Q = 'For the selected segment, which range does the measured QRS axis fall into?';
const QRS_WAVE =
  'In which of the following segments can you locate a QRS wave that would be used to calculate the QRS axis?';

const withGlobal = (pr: number, axis: number) => {
  const m = measurementsWith(beatsAt([0.5, 1.5, 2.5]));
  return {
    ...m,
    global: {
      ...m.global,
      pr: { ...m.global.pr, value: pr },
      qrsAxis: { ...m.global.qrsAxis, value: axis },
    },
  };
};

describe('finding-contradicts-measurement: record thresholds', () => {
  it('PR > 200 ms answered Yes on a PR of 150 ms: beyond the 20 ms margin', () => {
    const flags = findingRules({
      sample: sampleOf([{ finding: PR_FINDING, yes: true }]),
      m: withGlobal(150, 60),
    });
    expect(flags).toEqual([
      {
        rule: 'finding-contradicts-measurement',
        severity: 'warning',
        message: expect.stringContaining(
          'engine measures PR 150 ms on the median beat, more than 20 ms outside',
        ),
        at: { step: 0, part: 'finding_identification', question: null, option: null },
        numbers: {
          value: 150,
          unit: 'ms',
          answer: 'Yes',
          holdsWhen: { lo: 200, hi: null },
          margin: 20,
          lead: null,
          basis: 'median-beat',
        },
      },
    ]);
  });

  it('within the margin either way, no flag; answered No on a long PR, a flag', () => {
    const rule = (pr: number, yes: boolean) =>
      findingRules({ sample: sampleOf([{ finding: PR_FINDING, yes }]), m: withGlobal(pr, 60) })
        .length;
    expect(rule(190, true)).toBe(0);
    expect(rule(210, false)).toBe(0);
    expect(rule(221, false)).toBe(1);
    expect(rule(260, true)).toBe(0);
    expect(rule(150, false)).toBe(0);
  });

  it('axis ranges: LPFB (+90..+180) answered Yes on an axis of 45 degrees', () => {
    expect(
      findingRules({
        sample: sampleOf([{ finding: LPFB_AXIS, yes: true }]),
        m: withGlobal(160, 45),
      }),
    ).toHaveLength(1);
    expect(
      findingRules({
        sample: sampleOf([{ finding: LPFB_AXIS, yes: true }]),
        m: withGlobal(160, 80),
      }),
    ).toEqual([]);
    expect(
      findingRules({
        sample: sampleOf([{ finding: LPFB_AXIS, yes: false }]),
        m: withGlobal(160, 120),
      }),
    ).toHaveLength(1);
  });
});

describe('finding-contradicts-measurement: per-lead findings counted over the group', () => {
  const AMI_ST =
    'does this ECG show ST elevation in at least two of the anterior leads, including leads V1, V2, V3, and V4? Note that ST elevation is defined as an elevation of the J-point greater than 0.1mV (1mm) in these leads.';
  it('answered No while two leads show it', () => {
    const m = withLeads({
      V1: { stJMv: 0.3 },
      V2: { stJMv: 0.25 },
      V3: { stJMv: 0 },
      V4: { stJMv: 0.1 },
    });
    const [flag, ...rest] = findingRules({
      sample: sampleOf([{ finding: AMI_ST, yes: false }]),
      m,
    });
    expect(rest).toEqual([]);
    expect(flag?.message).toContain('shows it beyond the margin in V1, V2');
    expect(flag?.numbers.leads?.map((l) => l.verdict)).toEqual([
      'shows',
      'shows',
      'absent',
      'unclear',
    ]);
    expect(flag?.numbers.minLeads).toBe(2);
  });
  it('answered Yes while three of four clearly lack it', () => {
    const m = withLeads({
      V1: { stJMv: 0 },
      V2: { stJMv: 0 },
      V3: { stJMv: 0.01 },
      V4: { stJMv: 0.1 },
    });
    expect(findingRules({ sample: sampleOf([{ finding: AMI_ST, yes: true }]), m })).toHaveLength(1);
    const two = withLeads({
      V1: { stJMv: 0 },
      V2: { stJMv: 0 },
      V3: { stJMv: 0.12 },
      V4: { stJMv: 0.1 },
    });
    expect(findingRules({ sample: sampleOf([{ finding: AMI_ST, yes: true }]), m: two })).toEqual(
      [],
    );
  });
});

describe('answer-bin-against-finding', () => {
  const lpfb = (answer: number, yes: boolean) =>
    sampleOf([
      {
        finding: LPFB_AXIS,
        yes,
        grounding: [
          waveQ(QRS_WAVE, ['[1.44s - 1.56s]'], 0),
          measureQ(
            AXIS_Q,
            [
              '[75 degrees - 90 degrees]',
              '[90 degrees - 120 degrees]',
              '[120 degrees - 150 degrees]',
            ],
            answer,
          ),
        ],
      },
    ]);
  it('an LPFB answered Yes with 75-90 degrees (the templates oddity), even with no record', () => {
    expect(findingRules({ sample: lpfb(0, true), m: null })).toEqual([
      {
        rule: 'answer-bin-against-finding',
        severity: 'error',
        message: expect.stringContaining('[75 degrees - 90 degrees] lies wholly outside'),
        at: { step: 0, part: 'ecg_grounding', question: 1, option: 0 },
        numbers: {
          answer: '[75 degrees - 90 degrees]',
          holdsWhen: { lo: 90, hi: 180 },
          unit: 'degrees',
          lead: null,
        },
      },
    ]);
    expect(findingRules({ sample: lpfb(1, true), m: null })).toEqual([]);
  });
  it('answered No with a range wholly inside the finding', () => {
    expect(findingRules({ sample: lpfb(2, false), m: null })).toHaveLength(1);
    expect(findingRules({ sample: lpfb(0, false), m: null })).toEqual([]);
  });
});
