import { describe, expect, it } from 'vitest';
import { loadRealSamples } from '../../../testing/sample-fixtures';
import { moveOption, setOptionText, setQuestionText } from './chain-edits';
import { draftProblems, questionProblems, sampleLevelProblems } from './field-problems';

const [base] = loadRealSamples(1);

describe('the write gate rules placed beside each field', () => {
  it('puts each problem by the field it is about', () => {
    let s = base!;
    const crit = { kind: 'criterion', step: 0 } as const;
    const right = s.data.reasoning[0]!.criterion_selection.answer_idx;
    const [d1, d2] = [0, 1, 2, 3, 4].filter((i) => i !== right);
    const blank = setQuestionText(s, crit, '   ');
    if (!blank.ok) throw new Error(blank.reason);
    s = blank.sample;
    const copy = setOptionText(
      s,
      crit,
      d2!,
      s.data.reasoning[0]!.criterion_selection.options[d1!]!,
    );
    if (!copy.ok) throw new Error(copy.reason);
    s = { ...copy.sample, metadata: { ...copy.sample.metadata, dx_label: false } };
    const problems = draftProblems(s);
    expect(problems.map((p) => p.severity)).toEqual([...problems.map((p) => p.severity)].sort());
    const at = questionProblems(problems, crit);
    expect(at.question.map((p) => p.rule)).toEqual(['question-text']);
    expect([...at.option.entries()].map(([i, ps]) => [i, ps.map((p) => p.rule)])).toEqual([
      [d2, ['options-distinct']],
    ]);
    expect(at.answer).toEqual([]);
    // dx_label false breaks the initial answer and the last decision, each at its own question.
    expect(questionProblems(problems, { kind: 'initial' }).answer.map((p) => p.rule)).toEqual([
      'initial-answer-label',
    ]);
    const lastStep = s.data.reasoning.length - 1;
    expect(
      questionProblems(problems, { kind: 'decision', step: lastStep }).answer.map((p) => p.rule),
    ).toEqual(['decision-last-step']);
    expect(sampleLevelProblems(problems)).toEqual([]);
  });

  it('reports nothing for a valid edit', () => {
    const moved = moveOption(base!, { kind: 'criterion', step: 0 }, 0, 4);
    if (!moved.ok) throw new Error(moved.reason);
    expect(draftProblems(moved.sample)).toEqual([]);
  });

  it('keeps problems of the sample itself apart (no steps)', () => {
    const empty = { ...base!, data: { ...base!.data, reasoning: [] } };
    expect(sampleLevelProblems(draftProblems(empty)).map((p) => p.rule)).toEqual([
      'reasoning-not-empty',
    ]);
  });
});
