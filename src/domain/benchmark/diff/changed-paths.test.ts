import { describe, expect, it } from 'vitest';
import { convertSample } from '../convert';
import { loadRealSamples } from '../../../testing/sample-fixtures';
import { changedFields, changedPaths } from './changed-paths';

// A real sample with a wave or measurement question (their answers change shape).
const real = loadRealSamples(50).find((s) =>
  s.data.reasoning.some((step) =>
    step.ecg_grounding.some((g) => g.question_type !== 'lead_grounding'),
  ),
);
const clone = () => structuredClone(real!);

describe('changedPaths', () => {
  it('finds nothing between equal samples', () => {
    expect(changedPaths(real, clone())).toEqual([]);
  });

  it('names a changed text, a changed option list as one field, and metadata', () => {
    const after = clone();
    after.data.reasoning[0]!.criterion_selection.question += ' (reworded)';
    after.data.reasoning[0]!.criterion_selection.options.reverse();
    after.metadata.ecg_id = '99999';
    expect(changedPaths(real, after)).toEqual([
      'metadata.ecg_id',
      'data.reasoning[0].criterion_selection.question',
      'data.reasoning[0].criterion_selection.options',
    ]);
  });

  it('names a step present on one side only as a whole, and recurses into grounding lists', () => {
    const after = clone();
    const steps = after.data.reasoning;
    steps.push(structuredClone(steps[0]!));
    const at = steps.findIndex((step) => step.ecg_grounding.length > 0);
    steps[at]!.ecg_grounding[0]!.question = 'Which leads?';
    const expected = [
      `data.reasoning[${at}].ecg_grounding[0].question`,
      `data.reasoning[${steps.length - 1}]`,
    ];
    expect(changedPaths(real, after)).toEqual(expected);
    expect(changedPaths(after, real)).toEqual(expected);
  });

  it('sees a change of answer shape as a change of the answer fields (callers compare one shape)', () => {
    const scalar = convertSample(real!, 'scalar');
    const paths = changedPaths(scalar, real);
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.every((p) => /\.answer(_idx)?$/.test(p))).toBe(true);
  });

  it('gives each changed field its value on both sides (null for a step on one side only)', () => {
    const after = clone();
    const question = after.data.reasoning[0]!.criterion_selection.question;
    after.data.reasoning[0]!.criterion_selection.question = 'Which criterion?';
    const extra = structuredClone(after.data.reasoning[0]!);
    after.data.reasoning.push(extra);
    const steps = real!.data.reasoning.length;
    expect(changedFields(real, after)).toEqual([
      {
        path: 'data.reasoning[0].criterion_selection.question',
        before: question,
        after: 'Which criterion?',
      },
      { path: `data.reasoning[${steps}]`, before: null, after: extra },
    ]);
  });
});
