import { describe, expect, it } from 'vitest';
import { groupInto } from './group-into';

describe('groupInto', () => {
  it('keeps items in order per key and each group is one array grown in place', () => {
    const groups = new Map<string, number[]>();
    groupInto(groups, 'a', 1);
    const a = groups.get('a');
    groupInto(groups, 'b', 2);
    groupInto(groups, 'a', 3);
    expect([...groups]).toEqual([
      ['a', [1, 3]],
      ['b', [2]],
    ]);
    expect(groups.get('a')).toBe(a);
  });

  it('groups 100,000 items under one key in linear time', () => {
    const groups = new Map<string, number[]>();
    const start = performance.now();
    for (let i = 0; i < 100_000; i++) groupInto(groups, 'one', i);
    expect(groups.get('one')).toHaveLength(100_000);
    // Copying per item would take seconds here (5e9 element copies).
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
