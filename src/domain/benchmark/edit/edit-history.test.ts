import { describe, expect, it } from 'vitest';
import {
  COALESCE_MS,
  HISTORY_LIMIT,
  recordEdit,
  redo,
  replacePresent,
  startHistory,
  undo,
} from './edit-history';

describe('undo and redo over edits', () => {
  it('undoes and redoes edits in order; a new edit clears what was undone', () => {
    let h = startHistory('a');
    h = recordEdit(h, 'b', { atMs: 0 });
    h = recordEdit(h, 'c', { atMs: 10 });
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe('b');
    h = recordEdit(h, 'd', { atMs: 20 });
    expect([h.present, h.future]).toEqual(['d', []]);
    expect(redo(h)).toBe(h);
    expect(undo(h).present).toBe('b');
  });

  it('makes one undo step of typing into one field, until a pause or another field', () => {
    let h = startHistory('');
    h = recordEdit(h, 'x', { key: 'q1', atMs: 0 });
    h = recordEdit(h, 'xy', { key: 'q1', atMs: 300 });
    h = recordEdit(h, 'xyz', { key: 'q1', atMs: 600 });
    expect(h.past).toEqual(['']);
    h = recordEdit(h, 'xyz!', { key: 'q1', atMs: 600 + COALESCE_MS });
    expect(h.past).toEqual(['', 'xyz']);
    h = recordEdit(h, 'other', { key: 'q2', atMs: 600 + COALESCE_MS + 1 });
    expect(h.past).toEqual(['', 'xyz', 'xyz!']);
    expect(undo(undo(h)).present).toBe('xyz');
  });

  it('ignores an edit that changes nothing, keeps at most HISTORY_LIMIT steps', () => {
    const h0 = startHistory(0);
    expect(recordEdit(h0, 0, { atMs: 0 })).toBe(h0);
    let h = h0;
    for (let i = 1; i <= HISTORY_LIMIT + 5; i++) h = recordEdit(h, i, { atMs: i });
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]).toBe(5);
  });

  it('takes the saved copy as the present without an undo step', () => {
    let h = recordEdit(startHistory({ v: 1 }), { v: 2 }, { atMs: 0 });
    const saved = { v: 2 };
    h = replacePresent(h, saved);
    expect(h.present).toBe(saved);
    expect(undo(h).present).toEqual({ v: 1 });
  });
});
