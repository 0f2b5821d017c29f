import { describe, expect, it } from 'vitest';
import type { BenchmarkSampleV002 } from '../../../schemas/benchmark-sample';
import { loadRealSamples } from '../../../testing/sample-fixtures';
import { validateSample } from '../validate-sample';
import {
  addGrounding,
  answerLeads,
  deleteGrounding,
  placeWindowOption,
  snappedWindow,
  snapTimeS,
  toggleLeadAnswer,
} from './grounding-edits';
import type { QuestionRef } from './question-ref';
import { questionAt } from './question-ref';

const samples = loadRealSamples(3084);
const byId = (id: number) => samples.find((s) => s.metadata.id === id)!;
// Sample 476 (LBBB): step 1 asks for a QRS window [1.93s - 2.08s] among four, then the QRS range.
const lbbb = byId(476);
const wave: QuestionRef = { kind: 'grounding', step: 0, index: 0 };
const errors = (s: BenchmarkSampleV002) =>
  validateSample(s, { shape: 'list' }).problems.filter((p) => p.severity === 'error');

function firstLeadQuestion(s: BenchmarkSampleV002): QuestionRef {
  for (const [step, st] of s.data.reasoning.entries()) {
    const index = st.ecg_grounding.findIndex((g) => g.question_type === 'lead_grounding');
    if (index >= 0) return { kind: 'grounding', step, index };
  }
  throw new Error('no lead question');
}

describe('window options made and moved on the plot', () => {
  it('snaps to 10 ms, orders the ends, keeps the window inside the record and 10 ms wide', () => {
    expect(snapTimeS(1.234)).toBe(1.23);
    expect(snapTimeS(1.235001)).toBe(1.24);
    expect(snappedWindow(2.118, 1.9349, 10)).toEqual({ startS: 1.93, endS: 2.12 });
    expect(snappedWindow(-0.3, 0.05, 10)).toEqual({ startS: 0, endS: 0.05 });
    expect(snappedWindow(9.97, 10.4, 10)).toEqual({ startS: 9.97, endS: 10 });
    expect(snappedWindow(4.001, 4.003, 10)).toEqual({ startS: 4, endS: 4.01 });
    expect(snappedWindow(10.2, 10.3, 10)).toEqual({ startS: 9.99, endS: 10 });
  });

  it('inserts a dragged window among the options sorted by start; the right one stays right', () => {
    const before = questionAt(lbbb, wave)!;
    expect(before.options).toEqual([
      '[1.34s - 1.59s]',
      '[1.93s - 2.08s]',
      '[2.50s - 2.65s]',
      '[5.34s - 5.53s]',
    ]);
    const r = placeWindowOption(lbbb, wave, null, 3.2049, 3.0012, 10);
    if (!r.ok) throw new Error(r.reason);
    const after = questionAt(r.sample, wave)!;
    expect(after.options).toEqual([
      '[1.34s - 1.59s]',
      '[1.93s - 2.08s]',
      '[2.50s - 2.65s]',
      '[3.00s - 3.20s]',
      '[5.34s - 5.53s]',
    ]);
    expect(r.optionIndex).toBe(3);
    expect(after).toMatchObject({ answer: ['[1.93s - 2.08s]'], answer_idx: [1] });
    expect(errors(r.sample)).toEqual([]);
  });

  it('moves an option (the right one too) and re-sorts, the answer following its window', () => {
    const r = placeWindowOption(lbbb, wave, 1, 5.9, 6.06, 10);
    if (!r.ok) throw new Error(r.reason);
    const after = questionAt(r.sample, wave)!;
    expect(after.options).toEqual([
      '[1.34s - 1.59s]',
      '[2.50s - 2.65s]',
      '[5.34s - 5.53s]',
      '[5.90s - 6.06s]',
    ]);
    expect(after).toMatchObject({ answer: ['[5.90s - 6.06s]'], answer_idx: [3] });
    expect(r.optionIndex).toBe(3);
    const moved = placeWindowOption(lbbb, wave, 0, 0.5, 0.62, 10);
    if (!moved.ok) throw new Error(moved.reason);
    expect(questionAt(moved.sample, wave)!.answer).toEqual(['[1.93s - 2.08s]']);
  });

  it('refuses a window that is already an option, and windows on other questions', () => {
    expect(placeWindowOption(lbbb, wave, null, 2.5, 2.65, 10)).toEqual({
      ok: false,
      reason: '[2.50s - 2.65s] is already option 3',
    });
    expect(
      placeWindowOption(lbbb, { kind: 'grounding', step: 0, index: 1 }, null, 1, 2, 10),
    ).toMatchObject({ ok: false, reason: 'windows are options of wave questions only' });
  });

  it('makes the first window of a new wave question its answer', () => {
    const added = addGrounding(lbbb, 0, 'wave_grounding');
    if (!added.ok) throw new Error(added.reason);
    const ref: QuestionRef = { kind: 'grounding', step: 0, index: 2 };
    expect(errors(added.sample).map((p) => p.rule)).toEqual([
      'question-text',
      'options-count',
      'answer-idx-range',
    ]);
    const first = placeWindowOption(added.sample, ref, null, 1.93, 2.08, 10);
    if (!first.ok) throw new Error(first.reason);
    const second = placeWindowOption(first.sample, ref, null, 0.3, 0.45, 10);
    if (!second.ok) throw new Error(second.reason);
    expect(questionAt(second.sample, ref)).toMatchObject({
      options: ['[0.30s - 0.45s]', '[1.93s - 2.08s]'],
      answer: ['[1.93s - 2.08s]'],
      answer_idx: [1],
    });
    const removed = deleteGrounding(second.sample, 0, 2);
    if (!removed.ok) throw new Error(removed.reason);
    expect(removed.sample).toEqual(lbbb);
  });
});

describe('lead answers set by clicking leads', () => {
  it('toggles a clicked lead in and out of the answer set, in option order', () => {
    const ref = firstLeadQuestion(lbbb);
    const q = questionAt(lbbb, ref)!;
    const leads = answerLeads(q as never);
    const distractor = q.options
      .map((o) => o.replace('Lead ', ''))
      .find((l) => !leads.includes(l as never))!;
    const on = toggleLeadAnswer(lbbb, ref, distractor as never);
    if (!on.ok) throw new Error(on.reason);
    const withIt = questionAt(on.sample, ref)!;
    expect(withIt.answer).toEqual(
      q.options.filter(
        (o) => leads.includes(o.replace('Lead ', '') as never) || o === `Lead ${distractor}`,
      ),
    );
    expect(errors(on.sample)).toEqual([]);
    const off = toggleLeadAnswer(on.sample, ref, distractor as never);
    if (!off.ok) throw new Error(off.reason);
    expect(questionAt(off.sample, ref)).toEqual(q);
  });

  it('refuses a lead that is not an option, and a question that is not a lead question', () => {
    const ref = firstLeadQuestion(lbbb);
    const q = questionAt(lbbb, ref)!;
    const missing = [
      'I',
      'II',
      'III',
      'aVR',
      'aVL',
      'aVF',
      'V1',
      'V2',
      'V3',
      'V4',
      'V5',
      'V6',
    ].find((l) => !q.options.includes(`Lead ${l}`))!;
    expect(toggleLeadAnswer(lbbb, ref, missing as never)).toEqual({
      ok: false,
      reason: `Lead ${missing} is not an option of this question`,
    });
    expect(toggleLeadAnswer(lbbb, wave, 'I')).toEqual({
      ok: false,
      reason: 'this is not a lead question',
    });
  });

  it('starts a new lead question with the twelve leads and no answer, which the rules report', () => {
    const added = addGrounding(lbbb, 0, 'lead_grounding', 0);
    if (!added.ok) throw new Error(added.reason);
    const q = added.sample.data.reasoning[0]!.ecg_grounding[0]!;
    expect(q.options).toHaveLength(12);
    expect(errors(added.sample).map((p) => [p.rule, p.pathText])).toEqual([
      ['question-text', 'data.reasoning[0].ecg_grounding[0].question'],
      ['lead-answer-empty', 'data.reasoning[0].ecg_grounding[0].answer'],
    ]);
  });
});
