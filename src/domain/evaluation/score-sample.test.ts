import { describe, expect, it } from 'vitest';
import {
  answerSample,
  CRITERION,
  rightLoop,
  rightWave,
  wrongWave,
  type LoopQA,
} from '../../testing/answer-fixtures';
import { FURTHER_FINDINGS as FURTHER } from '../../schemas/benchmark-sample';
import { depthOf, missingReplies, scoreSample, type SampleScore } from './score-sample';

const depths = (s: SampleScore) => s.loopDepths.map((d) => (d === null ? null : depthOf(d)));

const yesSample = (loops: LoopQA[], idqReply: string | null = 'Yes') =>
  answerSample({ dxLabel: true, idqReply, loops });

describe('scoreSample (default protocol)', () => {
  it('scores an all-right chain as right everywhere', () => {
    const score = scoreSample(yesSample([rightLoop(FURTHER), rightLoop('Yes', [rightWave()])]));
    expect(score).toMatchObject({
      idqCorrect: true,
      gtRdaCorrect: true,
      selfRdaCorrect: true,
      completedHard: true,
      completedSoft: true,
    });
    expect(depths(score)).toEqual([null, 4]);
    expect(score.steps.map((s) => `${s.loop}:${s.stage}:${s.correct}`)).toEqual([
      '0:criterion_selection:true',
      '0:finding_identification:true',
      '0:diagnostic_decision:true',
      '1:criterion_selection:true',
      '1:finding_identification:true',
      '1:wave_grounding:true',
      '1:diagnostic_decision:true',
    ]);
  });

  it('keeps the IDQ out of completion', () => {
    const score = scoreSample(yesSample([rightLoop('Yes')], 'No'));
    expect(score.idqCorrect).toBe(false);
    expect(score.completedHard).toBe(true);
  });

  it('soft completion forgives a wrong reply to "Further findings", hard does not', () => {
    const loop1: LoopQA = { ...rightLoop(FURTHER), decision: [FURTHER, 'No'] };
    const score = scoreSample(yesSample([loop1, rightLoop('Yes')]));
    expect(score.completedHard).toBe(false);
    expect(score.completedSoft).toBe(true);
  });

  it('soft completion does not forgive a wrong final decision or any other wrong step', () => {
    const finalWrong = scoreSample(yesSample([{ ...rightLoop('Yes'), decision: ['Yes', 'No'] }]));
    expect(finalWrong.completedSoft).toBe(false);
    const findingWrong = scoreSample(yesSample([{ ...rightLoop('Yes'), finding: ['Yes', 'No'] }]));
    expect(findingWrong.completedSoft).toBe(false);
    const groundingWrong = scoreSample(yesSample([rightLoop('Yes', [wrongWave()])]));
    expect(groundingWrong.completedSoft).toBe(false);
  });

  it('leaves a loop without grounding out of depth and counts a grounding block by the items before its first error', () => {
    const score = scoreSample(
      yesSample([
        rightLoop(FURTHER),
        rightLoop(FURTHER, [rightWave(), wrongWave(), rightWave()]),
        rightLoop('Yes', [wrongWave(), rightWave()]),
      ]),
    );
    // Loop 2: criterion 1 + finding 1 + 1/3 of the block; the decision after the error does not count.
    // Loop 3: 1 + 1 + 0/2.
    expect(depths(score)).toEqual([null, 2 + 1 / 3, 2]);
  });

  it('counts depth from each loop start: an error ends the loop, not the next loop', () => {
    const score = scoreSample(
      yesSample([
        { ...rightLoop(FURTHER, [rightWave()]), criterion: [CRITERION, 'Shortened PR'] },
        rightLoop('Yes', [rightWave(), rightWave()]),
      ]),
    );
    expect(depths(score)).toEqual([0, 4]);
    expect(score.completedHard).toBe(false);
  });

  it('GT-RDA reads the last decision, whatever happened before', () => {
    const score = scoreSample(
      yesSample([
        { ...rightLoop(FURTHER), criterion: [CRITERION, 'wrong'] },
        { ...rightLoop('Yes'), finding: ['Yes', 'No'] },
      ]),
    );
    expect(score.gtRdaCorrect).toBe(true);
    expect(score.selfRdaCorrect).toBe(false);
  });

  describe('Self-RDA', () => {
    it('is 0 when a criterion, finding or grounding reply before the commitment is wrong', () => {
      const criterion = scoreSample(
        yesSample([{ ...rightLoop(FURTHER), criterion: [CRITERION, 'x'] }, rightLoop('Yes')]),
      );
      expect(criterion.selfRdaCorrect).toBe(false);
      const grounding = scoreSample(
        yesSample([rightLoop(FURTHER, [wrongWave()]), rightLoop('Yes')]),
      );
      expect(grounding.selfRdaCorrect).toBe(false);
    });

    it('scores an early Yes/No commitment against dx_label', () => {
      const earlyYes = scoreSample(
        yesSample([{ ...rightLoop(FURTHER), decision: [FURTHER, 'Yes.'] }, rightLoop('Yes')]),
      );
      expect(earlyYes.selfRdaCorrect).toBe(true);
      expect(earlyYes.completedHard).toBe(false);
      const earlyNo = scoreSample(
        yesSample([{ ...rightLoop(FURTHER), decision: [FURTHER, 'No'] }, rightLoop('Yes')]),
      );
      expect(earlyNo.selfRdaCorrect).toBe(false);
      const noSample = answerSample({
        dxLabel: false,
        idqReply: 'No',
        loops: [{ ...rightLoop(FURTHER), decision: [FURTHER, 'No'] }, rightLoop('No')],
      });
      expect(scoreSample(noSample).selfRdaCorrect).toBe(true);
    });

    it('treats any other reply where "Further findings" was due as a commitment (wrong)', () => {
      const score = scoreSample(
        yesSample([{ ...rightLoop(FURTHER), decision: [FURTHER, 'Unsure'] }, rightLoop('Yes')]),
      );
      expect(score.selfRdaCorrect).toBe(false);
    });

    it('ignores errors after the commitment', () => {
      const score = scoreSample(
        yesSample([
          { ...rightLoop(FURTHER), decision: [FURTHER, 'Yes'] },
          { ...rightLoop('Yes'), criterion: [CRITERION, 'wrong'] },
        ]),
      );
      expect(score.selfRdaCorrect).toBe(true);
    });

    it('is 0 when the final decision is wrong, "Further findings" included', () => {
      const score = scoreSample(yesSample([{ ...rightLoop('Yes'), decision: ['Yes', FURTHER] }]));
      expect(score.selfRdaCorrect).toBe(false);
    });
  });

  it('scores each grounding kind with its own rule, in both answer shapes', () => {
    const score = scoreSample(
      yesSample([
        rightLoop('Yes', [
          { type: 'lead_grounding', answer: ['Lead II', 'Lead aVF'], reply: 'II, aVF' },
          { type: 'lead_grounding', answer: ['Lead II', 'Lead aVF'], reply: 'II, III, aVF' },
          { type: 'wave_grounding', answer: ['[1.12s - 1.24s]'], reply: '[1.12s - 1.24s]' },
          { type: 'measurement_grounding', answer: '[200ms - 210ms]', reply: '200ms - 210ms' },
          { type: 'measurement_grounding', answer: ['[200ms - 210ms]'], reply: '200 ms - 210 ms' },
        ]),
      ]),
    );
    expect(score.steps.filter((s) => s.item !== null).map((s) => s.correct)).toEqual([
      true,
      false,
      true,
      true,
      false,
    ]);
  });

  it('lists the questions whose reply is missing or null', () => {
    const sample = yesSample([rightLoop('Yes', [{ ...rightWave(), reply: null }])], null);
    expect(missingReplies(sample)).toEqual([
      'data.initial_diagnostic_question',
      'data.reasoning[0].ecg_grounding[0]',
    ]);
    expect(missingReplies(yesSample([rightLoop('Yes')]))).toEqual([]);
  });
});
