import { describe, expect, it } from 'vitest';
import { assignReviewers } from './assign-reviewers';

const samples = (n: number) => Array.from({ length: n }, (_, i) => `s${i}`);

function loads(assignment: Map<string, string[]>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const reviewers of assignment.values())
    for (const id of reviewers) counts[id] = (counts[id] ?? 0) + 1;
  return counts;
}

describe('assignReviewers', () => {
  it('gives every sample of a blind double pass to both of two reviewers', () => {
    const result = assignReviewers({
      sampleIds: samples(10),
      reviewerIds: ['a', 'b'],
      perSample: 2,
    });
    for (const reviewers of result.values()) expect([...reviewers].sort()).toEqual(['a', 'b']);
  });

  it('balances loads within one item and pairs evenly for three reviewers', () => {
    const result = assignReviewers({
      sampleIds: samples(11),
      reviewerIds: ['a', 'b', 'c'],
      perSample: 2,
    });
    const counts = loads(result);
    expect(
      Math.max(...Object.values(counts)) - Math.min(...Object.values(counts)),
    ).toBeLessThanOrEqual(1);
    const pairs: Record<string, number> = {};
    for (const reviewers of result.values()) {
      expect(new Set(reviewers).size).toBe(2);
      const key = [...reviewers].sort().join('');
      pairs[key] = (pairs[key] ?? 0) + 1;
    }
    expect(
      Math.max(...Object.values(pairs)) - Math.min(...Object.values(pairs)),
    ).toBeLessThanOrEqual(1);
  });

  it('deals a single review round-robin', () => {
    const result = assignReviewers({
      sampleIds: samples(7),
      reviewerIds: ['a', 'b', 'c'],
      perSample: 1,
    });
    expect([...result.values()].map((r) => r[0])).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
  });

  it('keeps reviewers who gave verdicts and prefers the previous holder on a tie', () => {
    const result = assignReviewers({
      sampleIds: samples(4),
      reviewerIds: ['b', 'c'],
      perSample: 1,
      kept: new Map([['s0', ['a']]]),
      previous: new Map([
        ['s1', ['c']],
        ['s2', ['c']],
      ]),
    });
    expect(result.get('s0')).toEqual(['a']);
    // s1: b and c both at 0, c held it before -> c. s2: b at 0, c at 1 -> b. s3: tie -> b (earlier).
    expect([result.get('s1'), result.get('s2'), result.get('s3')]).toEqual([['c'], ['b'], ['b']]);
  });

  it('refuses a double review with one reviewer', () => {
    expect(() => assignReviewers({ sampleIds: ['x'], reviewerIds: ['a'], perSample: 2 })).toThrow(
      /needs 2 different reviewers/,
    );
  });
});
