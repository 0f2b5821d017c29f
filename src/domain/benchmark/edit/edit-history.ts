/**
 * Undo and redo over a value's edits: the past, the present and the undone future. Typing into
 * one field coalesces into one step while it goes on (the same key within COALESCE_MS), so undo
 * takes back a word rather than a letter.
 */

/** Edits closer together than this, to the same field, make one undo step. */
export const COALESCE_MS = 1000;
/** Most undo steps kept. */
export const HISTORY_LIMIT = 200;

/** A value with its undo and redo stacks. */
export interface EditHistory<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  /** The field the last edit changed and when (ms), for coalescing; null after undo or redo. */
  readonly last: { readonly key: string; readonly atMs: number } | null;
}

/** A history starting at `value`. */
export const startHistory = <T>(value: T): EditHistory<T> => ({
  past: [],
  present: value,
  future: [],
  last: null,
});

/**
 * Records `next` as the present. With a `key` equal to the last edit's within COALESCE_MS it
 * replaces that edit's result (one undo step); any edit clears the redo stack.
 */
export function recordEdit<T>(
  h: EditHistory<T>,
  next: T,
  edit: { readonly key?: string; readonly atMs: number },
): EditHistory<T> {
  if (next === h.present) return h;
  const last = edit.key ? { key: edit.key, atMs: edit.atMs } : null;
  const coalesce =
    edit.key !== undefined &&
    h.last?.key === edit.key &&
    edit.atMs - h.last.atMs < COALESCE_MS &&
    h.past.length > 0;
  const past = coalesce ? h.past : [...h.past, h.present].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [], last };
}

/** Steps back one edit; the history itself when there is nothing to undo. */
export function undo<T>(h: EditHistory<T>): EditHistory<T> {
  const previous = h.past[h.past.length - 1];
  if (h.past.length === 0) return h;
  return {
    past: h.past.slice(0, -1),
    present: previous as T,
    future: [h.present, ...h.future],
    last: null,
  };
}

/** Steps forward one undone edit; the history itself when there is nothing to redo. */
export function redo<T>(h: EditHistory<T>): EditHistory<T> {
  if (h.future.length === 0) return h;
  return {
    past: [...h.past, h.present],
    present: h.future[0] as T,
    future: h.future.slice(1),
    last: null,
  };
}

/**
 * Replaces the present without an undo step (the server's copy taken after a save or a merge):
 * the stacks stay, so an undo still goes back to what was there before.
 */
export function replacePresent<T>(h: EditHistory<T>, value: T): EditHistory<T> {
  return { ...h, present: value, last: null };
}
