import { describe, expect, it } from 'vitest';
import { FURTHER_FINDINGS as FURTHER } from '../../schemas/benchmark-sample';
import {
  answerSample,
  CRITERION,
  rightLoop,
  rightWave,
  wrongWave,
} from '../../testing/answer-fixtures';
import { completionFunnel, firstError } from './funnel';
import { scoreSample } from './score-sample';

const score = (loops: Parameters<typeof answerSample>[0]['loops']) =>
  scoreSample(answerSample({ dxLabel: true, idqReply: 'Yes', loops }));

describe('completion funnel', () => {
  it('counts chains reaching and surviving each loop part, in chain order', () => {
    const all = [
      score([rightLoop(FURTHER, [rightWave()]), rightLoop('Yes')]),
      score([rightLoop(FURTHER, [rightWave(), wrongWave()]), rightLoop('Yes')]),
      score([{ ...rightLoop(FURTHER), criterion: [CRITERION, 'x'] }, rightLoop('Yes')]),
    ];
    expect(
      completionFunnel(all).map((s) => `${s.loop}:${s.part} ${s.reached}/${s.survived}`),
    ).toEqual([
      '0:criterion 3/2',
      '0:finding 2/2',
      '0:grounding 2/1',
      '0:decision 1/1',
      '1:criterion 1/1',
      '1:finding 1/1',
      '1:decision 1/1',
    ]);
    expect(all.map(firstError)).toEqual([
      null,
      { loop: 0, part: 'grounding' },
      { loop: 0, part: 'criterion' },
    ]);
  });
});
