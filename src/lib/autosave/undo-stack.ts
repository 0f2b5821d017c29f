/** How many steps back undo reaches. */
export const UNDO_LIMIT = 500;

/**
 * Undo and redo over whole content values. Edits tagged with the same `group` within
 * `coalesceMs` of each other (typing one text) undo as one step.
 */
export class UndoStack<C> {
  private past: C[] = [];
  private future: C[] = [];
  private lastGroup: string | undefined;
  private lastAtMs = -Infinity;

  constructor(private readonly coalesceMs = 1000) {}

  /** Records that `before` was replaced by an edit (clears redo). */
  record(before: C, group: string | undefined, atMs: number): void {
    const coalesce =
      group !== undefined && group === this.lastGroup && atMs - this.lastAtMs < this.coalesceMs;
    if (!coalesce) {
      this.past.push(before);
      if (this.past.length > UNDO_LIMIT) this.past.shift();
    }
    this.future = [];
    this.lastGroup = group;
    this.lastAtMs = atMs;
  }

  /** The content to go back to from `current`, or undefined when there is none. */
  undo(current: C): C | undefined {
    const previous = this.past.pop();
    if (previous === undefined) return undefined;
    this.future.push(current);
    this.lastGroup = undefined;
    return previous;
  }

  /** The content to go forward to from `current`, or undefined when there is none. */
  redo(current: C): C | undefined {
    const next = this.future.pop();
    if (next === undefined) return undefined;
    this.past.push(current);
    this.lastGroup = undefined;
    return next;
  }

  /** True when there is a step to undo. */
  get canUndo(): boolean {
    return this.past.length > 0;
  }

  /** True when there is a step to redo. */
  get canRedo(): boolean {
    return this.future.length > 0;
  }
}
