import { describe, expect, it } from 'vitest';
import { answerSample, rightLoop, rightWave, wrongWave } from '../../testing/answer-fixtures';
import { FURTHER_FINDINGS as FURTHER } from '../../schemas/benchmark-sample';
import { coverageBin, scoreForcedCommit } from './forced-commit';
import { accuracy, depthSum, forcedCommitPool, meanDepth, reasoningPool } from './metrics';
import { scoreSample } from './score-sample';

describe('pooled metrics (micro averages)', () => {
  it('pools the total over samples, not as the mean of the per-diagnosis figures', () => {
    const pool = reasoningPool();
    // Diagnosis a: 1 of 1 IDQ right; diagnosis b: 1 of 3 right. Mean of figures 0.667, pooled 0.5.
    const add = (dx: string, idq: string) =>
      pool.addScore(
        dx,
        scoreSample(
          answerSample({ targetDx: dx, dxLabel: true, idqReply: idq, loops: [rightLoop('Yes')] }),
        ),
      );
    add('a', 'Yes');
    add('b', 'Yes');
    add('b', 'No');
    add('b', 'No');
    expect(accuracy(pool.total.idq)).toBe(0.5);
    expect(accuracy(pool.byDx.get('a')!.idq)).toBe(1);
    expect(accuracy(pool.byDx.get('b')!.idq)).toBe(1 / 3);
  });

  it('pools stage accuracies over step instances and depth over loops', () => {
    const pool = reasoningPool();
    pool.addScore(
      'a',
      scoreSample(
        answerSample({
          dxLabel: true,
          idqReply: 'Yes',
          loops: [rightLoop(FURTHER, [rightWave(), wrongWave()]), rightLoop('Yes')],
        }),
      ),
    );
    pool.addScore(
      'a',
      scoreSample(
        answerSample({ dxLabel: true, idqReply: 'Yes', loops: [rightLoop('Yes', [rightWave()])] }),
      ),
    );
    const c = pool.total;
    expect(c.stages.wave_grounding).toEqual({ total: 3, correct: 2 });
    expect(c.stages.diagnostic_decision).toEqual({ total: 3, correct: 3 });
    expect(c.stages.lead_grounding).toEqual({ total: 0, correct: 0 });
    expect(c.loops).toBe(3);
    expect(c.depthLoops).toBe(2);
    expect(depthSum(c)).toBe(2.5 + 4);
    expect(meanDepth(c)).toBe(3.25);
    expect(c.completedHard).toBe(1);
  });

  it('sums depth exactly, whatever the order of the loops', () => {
    const loop = (right: number, items: number) =>
      scoreSample(
        answerSample({
          dxLabel: true,
          idqReply: 'Yes',
          loops: [
            rightLoop('Yes', [
              ...Array.from({ length: right }, () => rightWave()),
              wrongWave(),
              ...Array.from({ length: items - right - 1 }, () => rightWave()),
            ]),
          ],
        }),
      );
    // Depths 2 + 1/3, 2 + 1/3, 2 + 5/9: float adds give ...222 one way and ...223 the other.
    const [third, fifth] = [2 + 1 / 3, 2 + 5 / 9];
    expect(third + third + fifth).not.toBe(fifth + third + third);
    const forward = reasoningPool();
    for (const [right, items] of [
      [1, 3],
      [1, 3],
      [5, 9],
    ] as const)
      forward.addScore('a', loop(right, items));
    const backward = reasoningPool();
    for (const [right, items] of [
      [5, 9],
      [1, 3],
      [1, 3],
    ] as const)
      backward.addScore('a', loop(right, items));
    expect(depthSum(forward.total)).toBe(65 / 9);
    expect(depthSum(backward.total)).toBe(65 / 9);
  });

  it('gives 0 for an empty pool', () => {
    const pool = reasoningPool();
    expect(accuracy(pool.total.idq)).toBe(0);
    expect(meanDepth(pool.total)).toBe(0);
    expect(accuracy(pool.touch('x').stages.criterion_selection)).toBe(0);
  });
});

describe('forced-commit', () => {
  const forced = (loops: number, replies: (string | null)[], idqReply: string | null = 'Yes') =>
    answerSample({
      dxLabel: true,
      idqReply,
      forcedCommit: true,
      loops: Array.from({ length: loops }, (_, i) => ({
        criterion: ['c', null],
        finding: ['Yes', null],
        decision: [i === loops - 1 ? 'Yes' : FURTHER, replies[i] ?? null],
      })),
    });

  it('bins right-inclusively: a 5-loop sample puts two points in the last bin', () => {
    const score = scoreForcedCommit(forced(5, ['No', 'No', 'Yes', 'Yes', 'Yes']));
    expect(score.points.map((p) => p.bin)).toEqual([0, 1, 2, 3, 3]);
    expect(score.points.map((p) => p.coveragePct)).toEqual([(1 / 5) * 100, 40, 60, 80, 100]);
  });

  it('places coverage edges in the bin they close', () => {
    expect(coverageBin(25)).toBe(0);
    expect(coverageBin(25.0000001)).toBe(1);
    expect(coverageBin(50)).toBe(1);
    expect(coverageBin(100)).toBe(3);
    expect(scoreForcedCommit(forced(4, ['a', 'b', 'c', 'd'])).points.map((p) => p.bin)).toEqual([
      0, 1, 2, 3,
    ]);
    expect(scoreForcedCommit(forced(3, ['a', 'b', 'c'])).points.map((p) => p.bin)).toEqual([
      1, 2, 3,
    ]);
    expect(scoreForcedCommit(forced(2, ['a', 'b'])).points.map((p) => p.bin)).toEqual([1, 3]);
  });

  it('scores each decision against dx_label and leaves questions without a reply out', () => {
    const score = scoreForcedCommit(forced(3, ['No', null, 'Yes.'], null));
    expect(score.idqCorrect).toBeNull();
    expect(score.points.map((p) => [p.loop, p.correct])).toEqual([
      [0, false],
      [2, true],
    ]);
    const pool = forcedCommitPool();
    pool.addScore('first_degree_av_block', score);
    pool.addScore('first_degree_av_block', scoreForcedCommit(forced(1, ['Yes'], 'No')));
    expect(pool.total.idq).toEqual({ total: 1, correct: 0 });
    expect(pool.total.bins.map((b) => [b.total, b.correct])).toEqual([
      [0, 0],
      [1, 0],
      [0, 0],
      [2, 2],
    ]);
  });
});
