/** The review screen's UI state: the verdict being made on the open sample, and its last notice. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Verdict } from '../../schemas/api/review';
import { draftFrom, type VerdictDraft } from './verdict-draft';

/** The screen's state and actions. */
export interface ReviewDraftState {
  readonly draft: VerdictDraft;
  /** What the last key or button did, or why it did nothing (one sentence). */
  readonly notice: string | null;
  /**
   * Opens a sample's draft from the reviewer's saved verdict. The open sample's draft is kept
   * while it has unsaved changes or an open flag editor (a refetch must not wipe them).
   */
  open(sampleId: string, saved: Verdict | null): void;
  /** Changes the draft. */
  apply(change: (draft: VerdictDraft) => VerdictDraft): void;
  setNotice(notice: string | null): void;
}

/** The review screen's store. */
export type ReviewDraftStore = StoreApi<ReviewDraftState>;

/** Creates one review screen's state. */
export function createReviewDraftStore(): ReviewDraftStore {
  return createStore<ReviewDraftState>()((set, get) => ({
    draft: draftFrom('', null),
    notice: null,
    open: (sampleId, saved) => {
      const { draft } = get();
      if (draft.sampleId === sampleId && (draft.unsaved || draft.editor)) return;
      set({
        draft: draftFrom(sampleId, saved),
        notice: draft.sampleId === sampleId ? get().notice : null,
      });
    },
    apply: (change) => set((s) => ({ draft: change(s.draft) })),
    setNotice: (notice) => set({ notice }),
  }));
}
