import { describe, expect, it } from 'vitest';
import type { DenseLabel } from '../../schemas/dense-label';
import {
  findingsHistogram,
  labelDistributions,
  verdictAgreement,
  withTargets,
} from './dataset-figures';

const normal: DenseLabel = {
  rate: 'normal',
  rhythm: 'sinus',
  axis: 'normal',
  conduction: ['none'],
  ischemia: { stage: 'none', territory: ['none'] },
  other_findings: [],
  diagnosis: 'normal',
};

describe('dataset figures', () => {
  it('splits the target of 100 per (source, diagnosis, label) over its paths', () => {
    const cells = withTargets([
      { dataSource: 'ptbxl', targetDx: 'a', dxLabel: true, pathIdx: 0, count: 40 },
      { dataSource: 'ptbxl', targetDx: 'a', dxLabel: true, pathIdx: 1, count: 50 },
      { dataSource: 'ptbxl', targetDx: 'a', dxLabel: false, pathIdx: 0, count: 100 },
    ]);
    expect(cells.map((c) => c.target)).toEqual([50, 50, 100]);
  });

  it('counts values per axis with the majority share, and findings per label', () => {
    const labels = new Map<string, DenseLabel>([
      ['ptbxl/1', normal],
      ['ptbxl/2', normal],
      ['ptbxl/3', { ...normal, rate: 'bradycardia', other_findings: ['pvc'] }],
    ]);
    const rate = labelDistributions(labels).find((d) => d.axis === 'rate')!;
    expect(rate.counts).toEqual([
      { value: 'normal', count: 2, ecgs: ['ptbxl/1', 'ptbxl/2'] },
      { value: 'bradycardia', count: 1, ecgs: ['ptbxl/3'] },
    ]);
    expect(rate.majorityShare).toBe(2 / 3);
    expect(findingsHistogram(labels)).toEqual([
      { findings: 0, ecgs: 2, keys: ['ptbxl/1', 'ptbxl/2'] },
      { findings: 2, ecgs: 1, keys: ['ptbxl/3'] },
    ]);
  });

  it("computes agreement and Cohen's kappa over reviewer pairs on the same sample and pass", () => {
    const v = (samplePk: string, reviewerId: string, verdict: string, passId = 'p') => ({
      passId,
      samplePk,
      reviewerId,
      verdict,
    });
    expect(verdictAgreement([v('s1', 'r1', 'pass'), v('s1', 'r1', 'pass', 'q')])).toBeNull();
    const result = verdictAgreement([
      v('s1', 'r1', 'pass'),
      v('s1', 'r2', 'pass'),
      v('s2', 'r1', 'flag'),
      v('s2', 'r2', 'flag'),
      v('s3', 'r1', 'pass'),
      v('s3', 'r2', 'flag'),
      v('s4', 'r1', 'pass'),
      v('s4', 'r2', 'pass'),
    ]);
    // po = 3/4; r1 pass 3/4, r2 pass 2/4: pe = 3/4*2/4 + 1/4*2/4 = 1/2; kappa = 0.5.
    expect(result).toEqual({ pairs: 4, agreeing: 3, percent: 0.75, kappa: 0.5 });
  });
});
