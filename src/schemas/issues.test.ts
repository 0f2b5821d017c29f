import { describe, expect, it } from 'vitest';
import {
  describeValue,
  formatPath,
  formatProblem,
  hasErrors,
  listValues,
  problem,
  valueAt,
} from './issues';

describe('problem reporting', () => {
  it('renders JSON paths as a curator reads them', () => {
    expect(formatPath(['data', 'reasoning', 1, 'ecg_grounding', 0, 'answer_idx'])).toBe(
      'data.reasoning[1].ecg_grounding[0].answer_idx',
    );
    expect(formatPath([])).toBe('');
    expect(formatPath([3, 'a'])).toBe('[3].a');
  });

  it('formats a problem with severity, path, message and rule', () => {
    const p = problem(
      'error',
      'answer-in-options',
      ['data', 'reasoning', 1, 'answer_idx'],
      'expected 1, found 3',
    );
    expect(p.pathText).toBe('data.reasoning[1].answer_idx');
    expect(formatProblem(p)).toBe(
      'error data.reasoning[1].answer_idx: expected 1, found 3 [answer-in-options]',
    );
    expect(formatProblem(problem('warning', 'key-order', [], 'x'))).toBe(
      'warning (top level): x [key-order]',
    );
    expect(hasErrors([p])).toBe(true);
    expect(hasErrors([problem('warning', 'key-order', [], 'x')])).toBe(false);
  });

  it('describes found values briefly', () => {
    expect(describeValue(undefined)).toBe('nothing');
    expect(describeValue(null)).toBe('null');
    expect(describeValue('afib')).toBe('"afib"');
    expect(describeValue(3)).toBe('3');
    expect(describeValue(false)).toBe('false');
    expect(describeValue([])).toBe('an empty list');
    expect(describeValue(['Yes', 'No'])).toBe('["Yes","No"]');
    expect(describeValue({ a: 1 })).toBe('an object');
    expect(describeValue('x'.repeat(500)).length).toBeLessThan(90);
    expect(describeValue(Array.from({ length: 100 }, (_, i) => i))).toMatch(/^a list of 100 \(/);
  });

  it('lists values, shortening long lists', () => {
    expect(listValues(['a', 'b'])).toBe('a, b');
    expect(listValues([1, 2, 3, 4, 5, 6, 7, 8], 3)).toBe('1, 2, 3, ... (8 in all)');
    expect(listValues(['a'], 6, true)).toBe('"a"');
  });

  it('reads values by path without following inherited keys', () => {
    const root = JSON.parse('{"a":[{"b":2}],"__proto__":{"c":1}}');
    expect(valueAt(root, ['a', 0, 'b'])).toBe(2);
    expect(valueAt(root, ['a', 1, 'b'])).toBeUndefined();
    expect(valueAt(root, ['toString'])).toBeUndefined();
    expect(valueAt(root, ['__proto__', 'c'])).toBe(1);
  });
});
