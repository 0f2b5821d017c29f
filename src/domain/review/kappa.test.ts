import { describe, expect, it } from 'vitest';
import { cohensKappa, tallyPairs } from './kappa';

describe('cohensKappa', () => {
  it('matches a hand computation', () => {
    // 50 items: 20 pass/pass, 5 pass/flag, 10 flag/pass, 15 flag/flag.
    // po = 35/50 = 0.7; first passes 25/50, second 30/50; pe = 0.5*0.6 + 0.5*0.4 = 0.5;
    // kappa = (0.7 - 0.5) / 0.5 = 0.4.
    const result = cohensKappa({ passPass: 20, passFlag: 5, flagPass: 10, flagFlag: 15 });
    expect(result.n).toBe(50);
    expect(result.observedAgreement).toBeCloseTo(0.7, 12);
    expect(result.expectedAgreement).toBeCloseTo(0.5, 12);
    expect(result.kappa).toBeCloseTo(0.4, 12);
    expect(result.undefinedReason).toBeNull();
  });

  it('matches a second, asymmetric hand computation', () => {
    // 10 items: 6 pass/pass, 1 pass/flag, 2 flag/pass, 1 flag/flag.
    // po = 0.7; first pass 0.7, second pass 0.8; pe = 0.56 + 0.06 = 0.62;
    // kappa = 0.08 / 0.38 = 0.210526...
    const result = cohensKappa({ passPass: 6, passFlag: 1, flagPass: 2, flagFlag: 1 });
    expect(result.expectedAgreement).toBeCloseTo(0.62, 12);
    expect(result.kappa).toBeCloseTo(0.08 / 0.38, 12);
  });

  it('is 1 for perfect agreement with both verdicts used, and negative below chance', () => {
    expect(cohensKappa({ passPass: 3, passFlag: 0, flagPass: 0, flagFlag: 2 }).kappa).toBe(1);
    // Every verdict opposite: po = 0, pe = 0.5 -> kappa = -1.
    expect(cohensKappa({ passPass: 0, passFlag: 2, flagPass: 2, flagFlag: 0 }).kappa).toBe(-1);
    // One reviewer passes all, the other flags all: po = 0, pe = 0 -> kappa 0.
    expect(cohensKappa({ passPass: 0, passFlag: 4, flagPass: 0, flagFlag: 0 }).kappa).toBe(0);
  });

  it('says kappa is undefined, not NaN, when expected agreement is 1', () => {
    const allPass = cohensKappa({ passPass: 7, passFlag: 0, flagPass: 0, flagFlag: 0 });
    expect(allPass.kappa).toBeNull();
    expect(allPass.observedAgreement).toBe(1);
    expect(allPass.expectedAgreement).toBe(1);
    expect(allPass.undefinedReason).toMatch(/expected agreement is 1.*"pass".*7 items/);
    const allFlag = cohensKappa({ passPass: 0, passFlag: 0, flagPass: 0, flagFlag: 3 });
    expect(allFlag.kappa).toBeNull();
    expect(allFlag.undefinedReason).toMatch(/"flag"/);
  });

  it('says kappa is undefined when no item was rated by both', () => {
    const empty = cohensKappa(tallyPairs([]));
    expect(empty).toMatchObject({ n: 0, kappa: null, observedAgreement: null });
    expect(empty.undefinedReason).toMatch(/no item/);
  });

  it('tallies pairs in (first, second) order', () => {
    expect(
      tallyPairs([
        ['pass', 'flag'],
        ['pass', 'flag'],
        ['flag', 'pass'],
        ['flag', 'flag'],
        ['pass', 'pass'],
      ]),
    ).toEqual({ passPass: 1, passFlag: 2, flagPass: 1, flagFlag: 1 });
  });
});
