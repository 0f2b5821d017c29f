import { describe, expect, it } from 'vitest';
import type { SampleForAgreement } from './agreement';
import { agreementReport } from './agreement';
import { stepType } from './step-type';

const pass = (reviewerId: string) => ({ reviewerId, verdict: 'pass' as const, steps: [] });
const flag = (reviewerId: string, steps: { stepIdx: number; verdict: 'pass' | 'flag' }[] = []) => ({
  reviewerId,
  verdict: 'flag' as const,
  steps,
});

describe('agreementReport', () => {
  const samples: SampleForAgreement[] = [
    { targetDx: 'lbbb', stepTypes: ['wave', 'lead+wave'], verdicts: [pass('a'), pass('b')] },
    {
      targetDx: 'lbbb',
      stepTypes: ['wave', 'lead+wave'],
      verdicts: [flag('b', [{ stepIdx: 1, verdict: 'flag' }]), pass('a')],
    },
    { targetDx: 'rbbb', stepTypes: ['wave'], verdicts: [flag('a'), flag('b')] },
    { targetDx: 'rbbb', stepTypes: ['wave'], verdicts: [pass('a')] },
  ];
  const report = agreementReport(samples);

  it('pairs reviewers by id order and counts the sample-level table', () => {
    expect(report.samplesSeenByTwo).toBe(3);
    // Pairs (a, b): pass/pass, pass/flag, flag/flag.
    expect(report.overall.table).toEqual({ passPass: 1, passFlag: 1, flagPass: 0, flagFlag: 1 });
    // po = 2/3; a passes 2/3, b passes 1/3; pe = 2/9 + 2/9 = 4/9; kappa = (2/9) / (5/9) = 0.4.
    expect(report.overall.kappa).toBeCloseTo(0.4, 12);
    expect(report.byPair.map((group) => group.key)).toEqual(['a|b']);
  });

  it('splits by diagnosis', () => {
    const lbbb = report.byDiagnosis.find((group) => group.key === 'lbbb')!;
    expect(lbbb.table).toEqual({ passPass: 1, passFlag: 1, flagPass: 0, flagFlag: 0 });
    expect(lbbb.kappa).toBe(0);
    const rbbb = report.byDiagnosis.find((group) => group.key === 'rbbb')!;
    expect(rbbb.kappa).toBeNull();
    expect(rbbb.undefinedReason).toMatch(/expected agreement is 1/);
  });

  it('rates steps from step verdicts, a passed sample passing its steps, and leaves the rest unrated', () => {
    const wave = report.byStepType.find((group) => group.key === 'wave')!;
    // Sample 1: pass/pass. Sample 2: a passes, b flagged only step 1 -> step 0 unrated for b.
    // Sample 3: both flagged without steps -> unrated.
    expect(wave.table).toEqual({ passPass: 1, passFlag: 0, flagPass: 0, flagFlag: 0 });
    expect(wave.unratedSteps).toBe(2);
    const leadWave = report.byStepType.find((group) => group.key === 'lead+wave')!;
    expect(leadWave.table).toEqual({ passPass: 1, passFlag: 1, flagPass: 0, flagFlag: 0 });
  });
});

describe('stepType', () => {
  it('names the grounding kinds in the format order', () => {
    expect(stepType({ ecg_grounding: [] })).toBe('no_grounding');
    expect(
      stepType({
        ecg_grounding: [
          { question_type: 'measurement_grounding' },
          { question_type: 'wave_grounding' },
          { question_type: 'lead_grounding' },
          { question_type: 'wave_grounding' },
        ],
      }),
    ).toBe('lead+wave+measurement');
  });
});

describe('agreementCsv', () => {
  it('writes one row per group with the counts, quoting where needed, empty for undefined', async () => {
    const { agreementCsv } = await import('./agreement-csv');
    const { parse } = await import('csv-parse/sync');
    const report = agreementReport([
      { targetDx: 'lbbb', stepTypes: ['wave'], verdicts: [pass('a'), flag('b')] },
      { targetDx: 'rbbb', stepTypes: [], verdicts: [pass('a'), pass('b')] },
    ]);
    const text = agreementCsv(report, (group) => `A, "B" (${group.key})`);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r['scope'], r['key']])).toEqual([
      ['overall', 'all'],
      ['pair', 'A, "B" (a|b)'],
      ['diagnosis', 'lbbb'],
      ['diagnosis', 'rbbb'],
      ['step_type', 'wave'],
    ]);
    expect(rows[0]).toMatchObject({ n: '2', pass_pass: '1', pass_flag: '1', kappa: '0' });
    expect(rows[3]).toMatchObject({ kappa: '', note: expect.stringMatching(/undefined/) });
    expect(rows[4]).toMatchObject({ n: '0', unrated_steps: '1' });
  });
});
