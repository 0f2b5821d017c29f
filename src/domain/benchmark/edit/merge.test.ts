import { describe, expect, it } from 'vitest';
import type { BenchmarkSampleV002 } from '../../../schemas/benchmark-sample';
import { loadRealSamples } from '../../../testing/sample-fixtures';
import { chooseAnswer, moveOption, setQuestionText } from './chain-edits';
import type { EditResult } from './chain-edits';
import { mergeSamples, resolveMerge } from './merge';

const [base] = loadRealSamples(1);
const ok = (r: EditResult): BenchmarkSampleV002 => {
  if (!r.ok) throw new Error(r.reason);
  return r.sample;
};

describe('merging my draft with the version saved meanwhile', () => {
  it('takes one-sided changes from each side and names the conflicts, question by question', () => {
    const b = base!;
    // I reorder the criterion (its answer moves with it) and reword step 2's decision.
    const mine = ok(
      setQuestionText(
        ok(moveOption(b, { kind: 'criterion', step: 0 }, 0, 4)),
        { kind: 'decision', step: 1 },
        'Mine?',
      ),
    );
    // They reword the initial question and the same decision.
    const theirs = ok(
      setQuestionText(
        ok(setQuestionText(b, { kind: 'initial' }, 'Theirs initial?')),
        { kind: 'decision', step: 1 },
        'Theirs?',
      ),
    );
    const m = mergeSamples(b, mine, theirs);
    expect(m.fromMine).toEqual(['Step 1 criterion']);
    expect(m.fromTheirs).toEqual(['Initial question']);
    expect(m.conflicts.map((c) => c.label)).toEqual(['Step 2 decision']);
    expect(m.merged.data.initial_diagnostic_question.question).toBe('Theirs initial?');
    expect(m.merged.data.reasoning[0]!.criterion_selection).toEqual(
      mine.data.reasoning[0]!.criterion_selection,
    );
    expect(m.merged.data.reasoning[1]!.diagnostic_decision.question).toBe('Theirs?');
    const chosen = resolveMerge(b, mine, theirs, { '1.diagnostic_decision': 'mine' });
    expect(chosen.data.reasoning[1]!.diagnostic_decision.question).toBe('Mine?');
    expect(chosen.data.initial_diagnostic_question.question).toBe('Theirs initial?');
  });

  it('keeps a question whole: my options never pair with their answer', () => {
    const b = base!;
    const ref = { kind: 'criterion', step: 0 } as const;
    const mine = ok(moveOption(b, ref, 0, 4));
    const other = b.data.reasoning[0]!.criterion_selection.answer_idx === 1 ? 2 : 1;
    const theirs = ok(chooseAnswer(b, ref, other));
    const m = mergeSamples(b, mine, theirs);
    expect(m.conflicts.map((c) => c.key)).toEqual(['0.criterion_selection']);
    for (const choice of ['mine', 'theirs'] as const) {
      const q = resolveMerge(b, mine, theirs, { '0.criterion_selection': choice }).data
        .reasoning[0]!.criterion_selection;
      expect(q.options[q.answer_idx]).toBe(q.answer);
    }
  });

  it('merges the steps as one part when the sides have different steps', () => {
    const b = base!;
    const mine = { ...b, data: { ...b.data, reasoning: b.data.reasoning.slice(0, 1) } };
    const theirs = ok(setQuestionText(b, { kind: 'finding', step: 0 }, 'Theirs finding?'));
    expect(mergeSamples(b, mine, theirs).conflicts.map((c) => c.label)).toEqual(['The steps']);
    expect(mergeSamples(b, b, theirs)).toEqual({
      merged: theirs,
      fromMine: [],
      fromTheirs: ['Step 1 finding'],
      conflicts: [],
    });
  });

  it('makes every differing part a conflict when the base is not known', () => {
    const b = base!;
    const mine = ok(setQuestionText(b, { kind: 'finding', step: 0 }, 'Mine finding?'));
    const theirs = ok(setQuestionText(b, { kind: 'initial' }, 'Theirs initial?'));
    const m = mergeSamples(null, mine, theirs);
    expect(m.conflicts.map((c) => c.label)).toEqual(['Initial question', 'Step 1 finding']);
    expect(m.merged).toBe(theirs);
  });
});
