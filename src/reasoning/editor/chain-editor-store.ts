/**
 * One chain editor's state over its autosaver (src/lib/autosave, which holds the draft, its
 * journal, saves and undo): edits are the pure operations of domain/benchmark/edit applied to the
 * autosaver's content; refused ones leave a notice; a 412 waits here for the merge view.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { EditResult } from '../../domain/benchmark/edit';
import type { Autosaver } from '../../lib/autosave';
import type { BenchmarkSampleV002 } from '../../schemas/benchmark-sample';

/** What the editor edits through: the autosaver of the sample. */
export type SampleEditTarget = Pick<
  Autosaver<BenchmarkSampleV002>,
  'edit' | 'undo' | 'redo' | 'getSnapshot'
>;

/** A 412 waiting for the merge view: mine, theirs, the version both came from, and the answer. */
export interface PendingMerge {
  /** The sample both were edited from; null when it could not be read. */
  readonly base: BenchmarkSampleV002 | null;
  readonly mine: BenchmarkSampleV002;
  readonly theirs: BenchmarkSampleV002;
  readonly theirsVersion: number;
  /** Answers the autosaver with the content to save on top of theirs. */
  readonly resolve: (content: BenchmarkSampleV002) => void;
}

/** The chain editor's state and actions. */
export interface ChainEditorState {
  /** Why the last edit was refused, or another short notice; null when there is none. */
  readonly notice: string | null;
  /** A conflict waiting for the merge view; the draft is read only meanwhile. */
  readonly merge: PendingMerge | null;
  /** The draft as it is now. */
  sample(): BenchmarkSampleV002;
  /**
   * Applies an edit to the draft; a refused one changes nothing and sets the notice. Edits of
   * one `group` (typing into one field) undo as one step. True when applied.
   */
  apply(edit: (sample: BenchmarkSampleV002) => EditResult, group?: string): boolean;
  undo(): boolean;
  redo(): boolean;
  setNotice(notice: string | null): void;
  setMerge(merge: PendingMerge | null): void;
}

/** A chain editor's store. */
export type ChainEditorStore = StoreApi<ChainEditorState>;

/** Said when an edit reaches an editor with no autosaver (read only). */
const READ_ONLY = 'This sample is read only here.';

/**
 * Creates the store of an editor over a sample's autosaver; with none (read only, or while the
 * journal opens) every edit is refused.
 */
export function createChainEditorStore(target: SampleEditTarget | null): ChainEditorStore {
  const draft = () => {
    if (!target) throw new Error(READ_ONLY);
    return target.getSnapshot().content;
  };
  return createStore<ChainEditorState>()((set, get) => ({
    notice: null,
    merge: null,
    sample: draft,
    apply(edit, group) {
      if (!target) {
        set({ notice: READ_ONLY });
        return false;
      }
      if (get().merge) {
        set({ notice: 'Merge the conflicting versions first (above the steps).' });
        return false;
      }
      const result = edit(target.getSnapshot().content);
      if (!result.ok) {
        set({ notice: result.reason });
        return false;
      }
      target.edit(result.sample, group);
      if (get().notice) set({ notice: null });
      return true;
    },
    undo() {
      set({ notice: null });
      if (!target || get().merge) return false;
      return target.undo();
    },
    redo() {
      set({ notice: null });
      if (!target || get().merge) return false;
      return target.redo();
    },
    setNotice: (notice) => set({ notice }),
    setMerge: (merge) => set({ merge }),
  }));
}
