import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BenchmarkSampleV002 } from '../../../schemas/benchmark-sample';
import { loadRealSamples } from '../../../testing/sample-fixtures';
import { validateSample } from '../validate-sample';
import { rightIndices } from './answers';
import type { EditResult } from './chain-edits';
import {
  chooseAnswer,
  deleteOption,
  insertOption,
  moveOption,
  setOptionText,
  setQuestionText,
} from './chain-edits';
import type { QuestionRef } from './question-ref';
import { questionAt } from './question-ref';

const samples = loadRealSamples(3084);
/** The first real sample with a lead question holding two or more right leads. */
const withLeadSet = samples.find((s) =>
  s.data.reasoning.some((st) =>
    st.ecg_grounding.some((g) => g.question_type === 'lead_grounding' && g.answer.length >= 2),
  ),
)!;
const base = samples[0]!;
const criterion: QuestionRef = { kind: 'criterion', step: 0 };

const ok = (r: EditResult): BenchmarkSampleV002 => {
  if (!r.ok) throw new Error(r.reason);
  return r.sample;
};
const errorsOf = (s: BenchmarkSampleV002) =>
  validateSample(s, { shape: 'list' }).problems.filter((p) => p.severity === 'error');

function leadRef(s: BenchmarkSampleV002): QuestionRef {
  for (const [step, st] of s.data.reasoning.entries()) {
    const index = st.ecg_grounding.findIndex(
      (g) => g.question_type === 'lead_grounding' && g.answer.length >= 2,
    );
    if (index >= 0) return { kind: 'grounding', step, index };
  }
  throw new Error('no lead question');
}

describe('chain edits keep answer and answer_idx on their options', () => {
  it('starts from valid real samples', () => {
    expect(errorsOf(base)).toEqual([]);
    expect(errorsOf(withLeadSet)).toEqual([]);
  });

  it('moves the right criterion with its option when options are reordered', () => {
    const q = base.data.reasoning[0]!.criterion_selection;
    const from = q.answer_idx;
    const to = from === 0 ? 4 : 0;
    const moved = ok(moveOption(base, criterion, from, to));
    const after = moved.data.reasoning[0]!.criterion_selection;
    expect(after.answer_idx).toBe(to);
    expect(after.answer).toBe(q.answer);
    expect(after.options[to]).toBe(q.answer);
    expect(errorsOf(moved)).toEqual([]);
    // Everything else is the same object: edits copy only the path they change.
    expect(moved.data.reasoning[1]).toBe(base.data.reasoning[1]);
    expect(moved.metadata).toBe(base.metadata);
  });

  it('shifts answer_idx when an option is inserted or deleted before the answer', () => {
    const q = base.data.reasoning[0]!.criterion_selection;
    const inserted = ok(insertOption(base, criterion, 0, 'A new distractor'));
    const qi = inserted.data.reasoning[0]!.criterion_selection;
    expect([qi.options[0], qi.answer_idx, qi.answer]).toEqual([
      'A new distractor',
      q.answer_idx + 1,
      q.answer,
    ]);
    const distractor = q.answer_idx === 0 ? 1 : 0;
    const deleted = ok(deleteOption(base, criterion, distractor));
    const qd = deleted.data.reasoning[0]!.criterion_selection;
    expect(qd.options).toHaveLength(4);
    expect(qd.options[qd.answer_idx]).toBe(q.answer);
    expect(qd.answer_idx).toBe(distractor < q.answer_idx ? q.answer_idx - 1 : q.answer_idx);
  });

  it('refuses to delete the one right answer, and changes nothing', () => {
    const q = base.data.reasoning[0]!.criterion_selection;
    const r = deleteOption(base, criterion, q.answer_idx);
    expect(r).toEqual({
      ok: false,
      reason: 'this option is the right answer: choose another right option before deleting it',
    });
  });

  it('rewrites the answer text when the right option is reworded', () => {
    const q = base.data.reasoning[0]!.criterion_selection;
    const edited = ok(setOptionText(base, criterion, q.answer_idx, 'Reworded criterion'));
    const after = edited.data.reasoning[0]!.criterion_selection;
    expect([after.answer, after.answer_idx]).toEqual(['Reworded criterion', q.answer_idx]);
    expect(errorsOf(edited)).toEqual([]);
  });

  it('chooses a single answer; toggles a lead in and out of a set answer', () => {
    const chosen = ok(chooseAnswer(base, { kind: 'finding', step: 0 }, 1));
    expect(chosen.data.reasoning[0]!.finding_identification).toMatchObject({
      answer: 'No',
      answer_idx: 1,
    });
    const ref = leadRef(withLeadSet);
    const q = questionAt(withLeadSet, ref)!;
    const right = rightIndices(q);
    const off = ok(chooseAnswer(withLeadSet, ref, right[0]!));
    expect(rightIndices(questionAt(off, ref)!)).toEqual(right.slice(1));
    const back = ok(chooseAnswer(off, ref, right[0]!));
    expect(questionAt(back, ref)).toEqual(q);
  });

  it('takes a deleted lead out of the answer set, and keeps the set through a reorder', () => {
    const ref = leadRef(withLeadSet);
    const q = questionAt(withLeadSet, ref)!;
    const right = rightIndices(q);
    const dropped = ok(deleteOption(withLeadSet, ref, right[0]!));
    const after = questionAt(dropped, ref)!;
    expect(after.answer).toEqual((q.answer as string[]).slice(1));
    const moved = ok(moveOption(withLeadSet, ref, 0, q.options.length - 1));
    expect([...(questionAt(moved, ref)!.answer as string[])].sort()).toEqual(
      [...(q.answer as string[])].sort(),
    );
    expect(errorsOf(moved)).toEqual([]);
  });

  it('sets a question text; an emptied one is what the rules report, at its path', () => {
    const edited = ok(setQuestionText(base, { kind: 'grounding', step: 1, index: 0 }, ''));
    expect(errorsOf(edited).map((p) => [p.rule, p.pathText])).toEqual([
      ['question-text', 'data.reasoning[1].ecg_grounding[0].question'],
    ]);
  });

  it('refuses edits of options or questions that do not exist', () => {
    expect(setOptionText(base, criterion, 9, 'x')).toMatchObject({ ok: false });
    expect(moveOption(base, criterion, 0, 5)).toMatchObject({ ok: false });
    expect(setQuestionText(base, { kind: 'decision', step: 9 }, 'x')).toEqual({
      ok: false,
      reason: 'the sample has no such question',
    });
  });

  it('never lets answer and answer_idx disagree, whatever the sequence of option edits', () => {
    const questions = (s: BenchmarkSampleV002): QuestionRef[] =>
      s.data.reasoning.flatMap((st, step) => [
        { kind: 'criterion' as const, step },
        ...st.ecg_grounding.map((_, index) => ({ kind: 'grounding' as const, step, index })),
      ]);
    const op = fc.record({
      kind: fc.constantFrom('move', 'insert', 'delete', 'choose', 'text'),
      q: fc.nat(),
      a: fc.nat(),
      b: fc.nat(),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(...samples.slice(0, 60)),
        fc.array(op, { maxLength: 25 }),
        (start, ops) => {
          let s = start;
          ops.forEach((o, k) => {
            const refs = questions(s);
            const ref = refs[o.q % refs.length]!;
            const n = questionAt(s, ref)!.options.length;
            const a = n > 0 ? o.a % n : 0;
            const b = n > 0 ? o.b % n : 0;
            const r =
              o.kind === 'move'
                ? moveOption(s, ref, a, b)
                : o.kind === 'insert'
                  ? insertOption(s, ref, o.a % (n + 1), `inserted ${k}`)
                  : o.kind === 'delete'
                    ? deleteOption(s, ref, a)
                    : o.kind === 'choose'
                      ? chooseAnswer(s, ref, a)
                      : setOptionText(s, ref, a, `text ${k}`);
            if (r.ok) s = r.sample;
          });
          const broken = validateSample(s, { shape: 'list' }).problems.filter((p) =>
            ['answer-in-options', 'answer-idx-range', 'lead-answer-lengths'].includes(p.rule),
          );
          expect(broken).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
