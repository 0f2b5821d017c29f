import { describe, expect, it } from 'vitest';
import { KeyedQueue } from './keyed-queue';

/** A promise and the function that settles it. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('KeyedQueue', () => {
  it('runs tasks of one key in arrival order, each after the last settled', async () => {
    const queue = new KeyedQueue();
    const order: string[] = [];
    const first = gate();
    const a = queue.run('k', async () => {
      order.push('a starts');
      await first.opened;
      order.push('a ends');
      throw new Error('a failed');
    });
    const b = queue.run('k', async () => {
      order.push('b runs');
      return 'b';
    });
    await Promise.resolve();
    expect(order).toEqual(['a starts']);
    first.open();
    await expect(a).rejects.toThrow('a failed');
    expect(await b).toBe('b');
    expect(order).toEqual(['a starts', 'a ends', 'b runs']);
    expect(queue.size).toBe(0);
  });

  it('lets different keys run at the same time', async () => {
    const queue = new KeyedQueue();
    const held = gate();
    const slow = queue.run('one', () => held.opened);
    expect(await queue.run('two', async () => 'not blocked')).toBe('not blocked');
    held.open();
    await slow;
    expect(queue.size).toBe(0);
  });
});
