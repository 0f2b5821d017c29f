import { describe, expect, it } from 'vitest';
import { orderQueue } from './queue-order';

describe('orderQueue', () => {
  it('puts the most pre-flagged first, then keeps the pass order', () => {
    const items = [
      { id: 'a', preflagCount: 0, position: 1 },
      { id: 'b', preflagCount: 2, position: 5 },
      { id: 'c', preflagCount: 1, position: 2 },
      { id: 'd', preflagCount: 2, position: 3 },
      { id: 'e', preflagCount: 0, position: 0 },
    ];
    expect(orderQueue(items).map((item) => item.id)).toEqual(['d', 'b', 'c', 'e', 'a']);
    expect(items.map((item) => item.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('is the pass order when nothing is pre-flagged', () => {
    const items = [3, 1, 2].map((position) => ({ preflagCount: 0, position }));
    expect(orderQueue(items).map((item) => item.position)).toEqual([1, 2, 3]);
  });
});
