/**
 * One chain editor's state: the copy the server last confirmed (with its version), the draft
 * with its undo history, the save status and the last refused edit's reason. Edits are the pure
 * operations of domain/benchmark/edit; this store only records them.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EditHistory, EditResult } from '../../domain/benchmark/edit';
import { recordEdit, redo, replacePresent, startHistory, undo } from '../../domain/benchmark/edit';
import type { SampleResponse } from '../../schemas/api/samples';
import type { BenchmarkSampleV002 } from '../../schemas/benchmark-sample';

/** Where the draft stands against the server, in words the status line uses. */
export type SaveStatus =
  | { readonly kind: 'saved' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'saving' }
  /** The draft breaks rules the server would refuse it for: kept here, not sent. */
  | { readonly kind: 'invalid'; readonly errors: number }
  /** Someone saved another version first: the merge view decides. */
  | { readonly kind: 'conflict'; readonly theirs: SampleResponse }
  /** The server could not be reached: the save is retried. */
  | { readonly kind: 'offline'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

/** The chain editor's state and actions. */
export interface ChainEditorState {
  /** The server's copy the draft was last reconciled with (its version is the If-Match). */
  readonly server: SampleResponse;
  readonly history: EditHistory<BenchmarkSampleV002>;
  readonly save: SaveStatus;
  /** Why the last edit was refused, or another short notice; null when there is none. */
  readonly notice: string | null;
  /**
   * Applies an edit to the draft; a refused one leaves it and sets the notice. `key` names the
   * field typed into, so typing makes one undo step. True when applied.
   */
  apply(edit: (sample: BenchmarkSampleV002) => EditResult, key?: string): boolean;
  undo(): void;
  redo(): void;
  setSave(save: SaveStatus): void;
  setNotice(notice: string | null): void;
  /** A save went through: the server's copy is now `saved`; the draft takes its canonical form if unchanged since `sent`. */
  saved(saved: SampleResponse, sent: BenchmarkSampleV002): void;
  /** Merge view: keep my draft and save it over their version. */
  keepMine(theirs: SampleResponse): void;
  /** Merge view: take their version as an edit (undo brings mine back). */
  takeTheirs(theirs: SampleResponse): void;
  /** Merge view: a draft merged field by field, saved over their version. */
  takeMerged(theirs: SampleResponse, merged: BenchmarkSampleV002): void;
}

/** A chain editor's store. */
export type ChainEditorStore = StoreApi<ChainEditorState>;

/** True when the draft differs from the server's copy. */
export const isDirty = (s: Pick<ChainEditorState, 'server' | 'history'>): boolean =>
  s.history.present !== s.server.sample &&
  JSON.stringify(s.history.present) !== JSON.stringify(s.server.sample);

/** Creates the store of an editor opened on the server's copy of a sample. */
export function createChainEditorStore(server: SampleResponse): ChainEditorStore {
  return createStore<ChainEditorState>()((set, get) => ({
    server,
    history: startHistory(server.sample),
    save: { kind: 'saved' },
    notice: null,
    apply(edit, key) {
      const result = edit(get().history.present);
      if (!result.ok) {
        set({ notice: result.reason });
        return false;
      }
      set((s) => ({
        history: recordEdit(s.history, result.sample, { key, atMs: Date.now() }),
        notice: null,
      }));
      return true;
    },
    undo: () => set((s) => ({ history: undo(s.history), notice: null })),
    redo: () => set((s) => ({ history: redo(s.history), notice: null })),
    setSave: (save) => set({ save }),
    setNotice: (notice) => set({ notice }),
    saved(saved, sent) {
      set((s) => ({
        server: saved,
        // The server stores the canonical form; an unchanged draft takes it (no undo step).
        history: s.history.present === sent ? replacePresent(s.history, saved.sample) : s.history,
      }));
    },
    keepMine: (theirs) => set({ server: theirs, save: { kind: 'pending' } }),
    takeTheirs: (theirs) =>
      set((s) => ({
        server: theirs,
        history: recordEdit(s.history, theirs.sample, { atMs: Date.now() }),
        save: { kind: 'saved' },
      })),
    takeMerged: (theirs, merged) =>
      set((s) => ({
        server: theirs,
        history: recordEdit(s.history, merged, { atMs: Date.now() }),
        save: { kind: 'pending' },
      })),
  }));
}
