import { describe, expect, it } from 'vitest';
import type { AgreementResponse } from '../../schemas/api/review-agreement';
import { agreementRows, countsText, kappaText } from './agreement-rows';

const k = (pp: number, pf: number, fp: number, ff: number, kappa: number | null) => ({
  n: pp + pf + fp + ff,
  table: { passPass: pp, passFlag: pf, flagPass: fp, flagFlag: ff },
  observedAgreement: null,
  expectedAgreement: null,
  kappa,
  undefinedReason: kappa === null ? 'no item was rated by both reviewers' : null,
});

describe('agreement rows', () => {
  it('lists overall, pairs, diagnoses and step types with their counts', () => {
    const report: AgreementResponse = {
      passId: 'p',
      mode: 'blind_double',
      status: 'closed',
      samplesSeenByTwo: 10,
      overall: k(5, 2, 1, 2, 0.3478),
      byPair: [
        {
          ...k(5, 2, 1, 2, 0.3478),
          key: 'a|b',
          reviewers: [
            { id: 'a', username: 'ann' },
            { id: 'b', username: 'bob' },
          ],
        },
      ],
      byDiagnosis: [{ ...k(1, 0, 0, 1, 1), key: 'first_degree_av_block' }],
      byStepType: [{ ...k(0, 0, 0, 0, null), key: 'wave', unratedSteps: 2 }],
    };
    const rows = agreementRows(report);
    expect(rows.map((r) => [r.section, r.label])).toEqual([
      ['Overall', 'Overall'],
      ['Reviewer pair', 'Pair: ann & bob'],
      ['Diagnosis', 'Dx: First-degree AV block'],
      ['Step type', 'Step: wave'],
    ]);
    expect(countsText(rows[0]!)).toBe('κ 0.35 · n 10 · PP 5 PF 2 FP 1 FF 2');
    expect(rows[3]!.note).toBe('no item was rated by both reviewers');
    expect(kappaText(null)).toBe('undefined');
    expect(kappaText(-0.5)).toBe('-0.50');
  });
});
