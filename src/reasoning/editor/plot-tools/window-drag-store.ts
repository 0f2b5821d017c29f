/** The window being dragged on the plot, before it is written into the sample on release. */
import { createStore, type StoreApi } from 'zustand/vanilla';

/** A window in the making: new (optionIndex null) or an option moved or resized, in seconds. */
export interface DraftWindow {
  readonly startS: number;
  readonly endS: number;
  readonly optionIndex: number | null;
}

/** The drag state. */
export interface WindowDragState {
  readonly draft: DraftWindow | null;
  setDraft(draft: DraftWindow | null): void;
}

/** A window drag store (one per editor). */
export type WindowDragStore = StoreApi<WindowDragState>;

/** Creates an empty window drag store. */
export const createWindowDragStore = (): WindowDragStore =>
  createStore<WindowDragState>()((set) => ({ draft: null, setDraft: (draft) => set({ draft }) }));
